/** The conferences domain (see README.md): the user's rooms on the UC server. */
export { ConferencesFeature } from './conferences-feature';
