/** The voicemail domain (see README.md): the user's mailbox on the UC server. */
export { VoicemailFeature } from './voicemail-feature';
export { VoicemailApi } from './voicemail-api';
export {
  VoicemailNotFoundError,
  VoicemailService,
  type VoicemailNotice,
  type VoicemailTransport,
} from './voicemail-service';
