/**
 * Transition shim: the UC server's HTTP + WebSocket API (v1) now lives in the
 * contract, one file per domain (`src-preload/contract/<domain>/<domain>-http.ts`,
 * cross-domain parts in `contract/platform/`, the live-event union in
 * `contract/ipc-contract.ts`). The client engine still imports this path while
 * it is restructured; remove this file once nothing imports it.
 */
export { UC_API_BASE_PATH, UC_API_DEFAULT_PORT } from '../../src-preload/contract/platform/uc-api-base';
export {
  apiErrorCodeSchema,
  apiErrorSchema,
  importReportSchema,
  type ApiError,
  type ApiErrorCode,
  type ImportReport,
} from '../../src-preload/contract/platform/api-error';
export { liveEventSchema, type LiveEvent } from '../../src-preload/contract/ipc-contract';
export {
  accountInfoSchema,
  changePasswordRequestSchema,
  changePasswordResponseSchema,
  iceServerConfigSchema,
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  provisioningSchema,
  refreshRequestSchema,
  tokenPairSchema,
  type AccountInfo,
  type ChangePasswordRequest,
  type ChangePasswordResponse,
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
  type Provisioning,
  type RefreshRequest,
  type TokenPair,
} from '../../src-preload/contract/session/session-http';
export {
  directorySourceSchema,
  numberKindSchema,
  type DirectorySource,
  type NumberKind,
} from '../../src-preload/contract/directory/directory-model';
export { contactFieldsSchema, type ContactFields } from '../../src-preload/contract/directory/contact-fields';
export {
  changeSchema,
  changesResponseSchema,
  contactCreateSchema,
  contactImportRequestSchema,
  contactImportResponseSchema,
  contactMutationResponseSchema,
  contactPatchSchema,
  directoryEntrySchema,
  importFormatSchema,
  type Change,
  type ChangesResponse,
  type ContactCreate,
  type ContactImportRequest,
  type ContactImportResponse,
  type ContactMutationResponse,
  type ContactPatch,
  type DirectoryEntry,
} from '../../src-preload/contract/directory/directory-http';
export { PRESENCE_NOTE_MAX } from '../../src-preload/contract/presence/presence-model';
export {
  presenceListResponseSchema,
  presenceOfSchema,
  presenceSchema,
  presenceSetRequestSchema,
  presenceStateSchema,
  presenceVisibilitySchema,
  type Presence,
  type PresenceListResponse,
  type PresenceOf,
  type PresenceSetRequest,
  type PresenceState,
  type PresenceVisibility,
} from '../../src-preload/contract/presence/presence-http';
export {
  VOICEMAIL_SIP_USER,
  voicemailListResponseSchema,
  voicemailPatchSchema,
  voicemailSchema,
  type Voicemail,
  type VoicemailListResponse,
  type VoicemailPatch,
} from '../../src-preload/contract/voicemail/voicemail-http';
export {
  MESSAGE_MAX_LENGTH,
  messageSchema,
  messageSendResponseSchema,
  messageSendSchema,
  messagesReadResponseSchema,
  messagesReadSchema,
  messagesResponseSchema,
  messageTextSchema,
  type Message,
  type MessageSend,
  type MessageSendResponse,
  type MessagesRead,
  type MessagesReadResponse,
  type MessagesResponse,
} from '../../src-preload/contract/messages/messages-http';
