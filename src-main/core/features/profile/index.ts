/** Profile feature: the user's own personal data, photo and voicemail PIN. See README.md. */
export { ProfileFeature, profileError } from './profile-feature';
export { ProfileApi } from './profile-api';
