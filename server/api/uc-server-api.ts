/**
 * The UC server's HTTP + WebSocket API (v1): request and response schemas
 * shared by the server (validates requests, generates the OpenAPI document)
 * and the client engine in src-main (validates replies: a malformed server
 * reply is an error with a clear message, never a crash).
 *
 * Base URL: http(s)://HOST:8802/api/v1 (8802 is the default UC API port, SPEC A1).
 *
 *   POST   /auth/login            LoginRequest -> LoginResponse | 401 | 429
 *   POST   /auth/refresh          RefreshRequest -> TokenPair | 401
 *   POST   /auth/logout           RefreshRequest -> 204 (revokes the refresh token)
 *   POST   /auth/password         ChangePasswordRequest -> ChangePasswordResponse | 400 | 401
 *   GET    /me                    -> MeResponse
 *   GET    /changes?since=N&limit=M -> ChangesResponse   (per-user change feed)
 *   POST   /contacts              ContactCreate   (Idempotency-Key header) -> ContactMutationResponse
 *   PATCH  /contacts/:id          ContactPatch    (Idempotency-Key header) -> ContactMutationResponse
 *   DELETE /contacts/:id          (Idempotency-Key header) -> ContactMutationResponse
 *   POST   /contacts/import       ContactImportRequest -> ContactImportResponse (all or nothing)
 *   GET    /openapi.json          the OpenAPI 3.1 description
 *   WS     /events?access_token=  server -> client LiveEvent frames
 *
 * Errors: every non-2xx reply has an ApiError body.
 * Authorization: `Authorization: Bearer <accessToken>` on everything but
 * /auth/login, /auth/refresh, /auth/logout and /openapi.json.
 */
import { z } from 'zod';
import {
  PRESENCE_NOTE_MAX,
  presenceSetPayloadSchema,
  presenceStateNameSchema,
  presenceVisibilityNameSchema,
} from '../../src-preload/contract/presence-contract';

export const UC_API_DEFAULT_PORT = 8802;

/**
 * SIP user the voicemail service registers as (SPEC H); Kamailio sends
 * `sip:vm<ext>@…` calls to it. Clients tell a call answered by the mailbox
 * from one answered by the person called by this user in the answer's Contact.
 */
export const VOICEMAIL_SIP_USER = 'voicemail';
export const UC_API_BASE_PATH = '/api/v1';

// ------------------------------------------------------------------ errors

export const apiErrorCodeSchema = z.enum([
  'invalid-request',
  'invalid-credentials',
  'too-many-attempts',
  'unauthorized',
  'forbidden',
  'password-change-required',
  'weak-password',
  'wrong-current-password',
  /** the new password is the current one (POST /auth/password) */
  'same-password',
  'not-found',
  'conflict',
  'import-failed',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z.object({
  error: apiErrorCodeSchema,
  message: z.string(),
  /** seconds before another login attempt is accepted (429) */
  retryAfterS: z.number().int().nonnegative().optional(),
  /** password rules the new password breaks (weak-password) */
  rules: z.array(z.string()).optional(),
  /** import-failed: what was found in the file (nothing was written) */
  get report() {
    return importReportSchema.optional();
  },
});
export type ApiError = z.infer<typeof apiErrorSchema>;

// ------------------------------------------------------------------ auth

export const loginRequestSchema = z.strictObject({
  /** internal number, e.g. "100" */
  user: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  /** shown in the user's session list, e.g. "Switchboard on PC-42" */
  deviceName: z.string().max(128).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string().min(1),
  /** epoch ms */
  accessExpiresAt: z.number().int(),
  refreshToken: z.string().min(1),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const iceServerConfigSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

/** What the client needs to reach the SIP side (SPEC A1: the SIP WebSocket URL comes from the server). */
export const provisioningSchema = z.object({
  sipWsUrl: z.string().min(1),
  sipDomain: z.string().min(1),
  /** SIP user (= internal number); the SIP password is the account password */
  sipUser: z.string().min(1),
  iceServers: z.array(iceServerConfigSchema),
});
export type Provisioning = z.infer<typeof provisioningSchema>;

export const accountInfoSchema = z.object({
  number: z.string(),
  displayName: z.string(),
  email: z.string().optional(),
});
export type AccountInfo = z.infer<typeof accountInfoSchema>;

export const loginResponseSchema = tokenPairSchema.extend({
  account: accountInfoSchema,
  /** true: the access token only allows POST /auth/password until the password is changed */
  mustChangePassword: z.boolean(),
  /** failed attempts since the last successful login (shown once to the user) */
  failedAttempts: z.object({ count: z.number().int().nonnegative(), lastAt: z.number().int().optional() }),
  /** absent while mustChangePassword */
  provisioning: provisioningSchema.optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const refreshRequestSchema = z.strictObject({ refreshToken: z.string().min(1).max(512) });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const changePasswordResponseSchema = tokenPairSchema.extend({ provisioning: provisioningSchema });
export type ChangePasswordResponse = z.infer<typeof changePasswordResponseSchema>;

export const meResponseSchema = z.object({ account: accountInfoSchema, provisioning: provisioningSchema });
export type MeResponse = z.infer<typeof meResponseSchema>;

// ------------------------------------------------------------------ directory entries and contacts

/** The directories of SPEC C1 that the server serves (LDAP comes later). */
export const directorySourceSchema = z.enum(['internal', 'system', 'global', 'personal']);
export type DirectorySource = z.infer<typeof directorySourceSchema>;

export const numberKindSchema = z.enum(['internal', 'business', 'mobile', 'private', 'other']);
export type NumberKind = z.infer<typeof numberKindSchema>;

/** One entry of any directory, as the client caches and searches it. Numbers are canonical (SPEC C5). */
export const directoryEntrySchema = z.object({
  /** unique across sources, e.g. "internal:100", "global:42", "personal:<uuid>" */
  id: z.string().min(1).max(200),
  source: directorySourceSchema,
  displayName: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  company: z.string().optional(),
  email: z.string().optional(),
  numbers: z.array(z.object({ kind: numberKindSchema, number: z.string() })),
  /** server path of the photo (internal users), e.g. /api/v1/photos/100 */
  photoUrl: z.string().optional(),
  /** personal contacts: edited by hand, so a later import never overwrites it (SPEC C4) */
  handEdited: z.boolean().optional(),
  updatedAt: z.number().int(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

/**
 * Editable fields of a personal contact. Flat on purpose: the conflict rule
 * is "server authoritative, last writer wins per field", so a PATCH carries
 * only the fields the user changed.
 */
export const contactFieldsSchema = z.strictObject({
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  company: z.string().max(200).optional(),
  email: z.string().max(254).optional(),
  business: z.string().max(64).optional(),
  mobile: z.string().max(64).optional(),
  private: z.string().max(64).optional(),
  other: z.string().max(64).optional(),
});
export type ContactFields = z.infer<typeof contactFieldsSchema>;

export const contactCreateSchema = z.strictObject({
  /** client-generated UUID, so an offline-created contact keeps its id */
  id: z.string().uuid(),
  fields: contactFieldsSchema,
});
export type ContactCreate = z.infer<typeof contactCreateSchema>;

export const contactPatchSchema = z.strictObject({ fields: contactFieldsSchema });
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export const contactMutationResponseSchema = z.object({
  /** the contact after the change (absent after a delete) */
  entry: directoryEntrySchema.optional(),
  /** the change-feed revision that carries this change */
  revision: z.number().int().nonnegative(),
});
export type ContactMutationResponse = z.infer<typeof contactMutationResponseSchema>;

export const importFormatSchema = z.enum(['csv', 'xml']);
export const contactImportRequestSchema = z.strictObject({
  format: importFormatSchema,
  /** WHATWG encoding label, e.g. utf-8, windows-1252, iso-8859-15 */
  encoding: z.string().min(1).max(40).default('utf-8'),
  /** the file's bytes, base64 (max ~5 MB) */
  contentBase64: z.string().min(1).max(7_000_000),
});
export type ContactImportRequest = z.infer<typeof contactImportRequestSchema>;

export const importReportSchema = z.object({
  imported: z.number().int().nonnegative(),
  /** rows updated in place (same name, not hand-edited) */
  updated: z.number().int().nonnegative(),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const contactImportResponseSchema = z.object({ report: importReportSchema, revision: z.number().int() });
export type ContactImportResponse = z.infer<typeof contactImportResponseSchema>;

// ------------------------------------------------------------------ change feed

export const changeSchema = z.object({
  revision: z.number().int().positive(),
  op: z.enum(['upsert', 'delete']),
  /** directory entry id */
  id: z.string(),
  /** present for upserts: the entry's current state */
  entry: directoryEntrySchema.optional(),
});
export type Change = z.infer<typeof changeSchema>;

export const changesResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** the revision to ask from next time (>= every revision in `changes`) */
  revision: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

/** Frames the server pushes on WS /events. */
export const liveEventSchema = z.discriminatedUnion('type', [
  /** new changes are visible to this user up to `revision`: pull them */
  z.object({ type: z.literal('changed'), revision: z.number().int() }),
  z.object({ type: z.literal('ping') }),
  /** the account's own presence (SPEC B1) changed, maybe from another device: GET /me/presence */
  z.object({ type: z.literal('presence-changed') }),
  /** instant messages (SPEC E6) arrived or changed for this account up to `revision`: GET /messages?since= */
  z.object({ type: z.literal('messages-changed'), revision: z.number().int() }),
  /** the account's voicemails (SPEC H1) changed: GET /voicemails */
  z.object({ type: z.literal('voicemails-changed') }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;

// ---- presence (SPEC B)
//
//   GET    /me/presence           -> Presence (own state; B6 applied: a passed returnAt reads as office)
//   PUT    /me/presence           PresenceSetRequest -> Presence | 400 (returnAt with office, in the past; note > 200)
//   GET    /presence?accounts=100,101 -> PresenceListResponse (others' presence, honoring their visibility)
// A change is pushed to every live connection of the account as {type:'presence-changed'}.

// The states, visibilities and note length are defined once, in the IPC contract (the lowest shared layer).
/** SPEC B1 presence states; `office` is "available". */
export const presenceStateSchema = presenceStateNameSchema;
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** SPEC B3: who sees the state — internal and external / internal only / nobody. */
export const presenceVisibilitySchema = presenceVisibilityNameSchema;
export type PresenceVisibility = z.infer<typeof presenceVisibilitySchema>;

/** Longest presence note (characters). */
export { PRESENCE_NOTE_MAX };

export const presenceSchema = z.object({
  state: presenceStateSchema,
  /** epoch ms; never with office. When it passes the state reads as office (SPEC B6). */
  returnAt: z.number().int().optional(),
  note: z.string().max(PRESENCE_NOTE_MAX).optional(),
  visibility: presenceVisibilitySchema,
  /** epoch ms of the last change (0: never set, the default office) */
  updatedAt: z.number().int(),
});
export type Presence = z.infer<typeof presenceSchema>;

/**
 * PUT /me/presence: the IPC presence.set payload, sent as is. Also checked by
 * the server: no returnAt with office, returnAt in the future. PUT replaces
 * state, return time and note (absent or blank note: none); an absent
 * visibility keeps the current one.
 */
export const presenceSetRequestSchema = presenceSetPayloadSchema;
export type PresenceSetRequest = z.infer<typeof presenceSetRequestSchema>;

/** Another user's presence as the caller may see it (`visible: false`: they hide it from the caller, SPEC B3). */
export const presenceOfSchema = z.object({
  number: z.string(),
  visible: z.boolean(),
  state: presenceStateSchema.optional(),
  returnAt: z.number().int().optional(),
  note: z.string().optional(),
});
export type PresenceOf = z.infer<typeof presenceOfSchema>;

export const presenceListResponseSchema = z.object({ presences: z.array(presenceOfSchema) });
export type PresenceListResponse = z.infer<typeof presenceListResponseSchema>;

// ---- voicemail (SPEC H)

/** One voice message of the caller's mailbox (SPEC H1). */
export const voicemailSchema = z.object({
  /** opaque id (UUID) */
  id: z.string().min(1).max(64),
  /** the caller's number or SIP user (From of the INVITE) */
  callerNumber: z.string().max(128),
  /** the caller's display name (From), null when none */
  callerName: z.string().max(200).nullable(),
  /** epoch ms */
  receivedAt: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  /** false = new */
  listened: z.boolean(),
});
export type Voicemail = z.infer<typeof voicemailSchema>;

/** GET /voicemails: newest first. */
export const voicemailListResponseSchema = z.object({ voicemails: z.array(voicemailSchema) });
export type VoicemailListResponse = z.infer<typeof voicemailListResponseSchema>;

/** PATCH /voicemails/:id */
export const voicemailPatchSchema = z.strictObject({ listened: z.boolean() });
export type VoicemailPatch = z.infer<typeof voicemailPatchSchema>;

// ---- messages (SPEC E6)
//
//   POST   /messages              MessageSend (Idempotency-Key header) -> MessageSendResponse | 400 | 404
//          (429 too-many-attempts + retryAfterS: more than 30 messages a minute from one sender; retry later)
//   GET    /messages?since=N&limit=M -> MessagesResponse  (both directions, per-account revision cursor)
//   POST   /messages/read         MessagesRead -> MessagesReadResponse | 400 | 404
//
// Every message is stored once on the server and visible to its sender and
// its recipient. `revision` is monotonic and bumped when a message is created
// or marked read, so a client that pulls `since` its last revision sees new
// messages and read-state changes made on any of the account's devices.

/** Longest instant message, in UTF-16 code units (what a JS string length counts). */
export const MESSAGE_MAX_LENGTH = 4000;

export const messageTextSchema = z
  .string()
  .max(MESSAGE_MAX_LENGTH, `A message is at most ${MESSAGE_MAX_LENGTH} characters long`)
  .refine((text) => text.trim().length > 0, 'A message cannot be empty');

export const messageSendSchema = z.strictObject({
  /** the recipient's internal number, e.g. "101" */
  to: z.string().trim().min(1, 'The recipient is missing').max(64),
  text: messageTextSchema,
});
export type MessageSend = z.infer<typeof messageSendSchema>;

export const messageSchema = z.object({
  id: z.number().int().positive(),
  /** sender's internal number */
  from: z.string(),
  /** recipient's internal number */
  to: z.string(),
  text: z.string(),
  /** epoch ms the server stored it */
  sentAt: z.number().int(),
  /** the recipient marked it read (from any of their devices) */
  read: z.boolean(),
  revision: z.number().int().positive(),
  /** the sender's Idempotency-Key; only in replies to the sender */
  clientKey: z.string().optional(),
});
export type Message = z.infer<typeof messageSchema>;

export const messageSendResponseSchema = z.object({ message: messageSchema, revision: z.number().int().nonnegative() });
export type MessageSendResponse = z.infer<typeof messageSendResponseSchema>;

export const messagesResponseSchema = z.object({
  /** messages (sent or received) created or changed after `since`, oldest revision first */
  messages: z.array(messageSchema),
  /** the revision to ask from next time */
  revision: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type MessagesResponse = z.infer<typeof messagesResponseSchema>;

export const messagesReadSchema = z.strictObject({
  /** the other party's internal number: their messages to the caller become read */
  peer: z.string().trim().min(1).max(64),
  /** highest message id read (inclusive) */
  upTo: z.number().int().positive(),
});
export type MessagesRead = z.infer<typeof messagesReadSchema>;

export const messagesReadResponseSchema = z.object({
  /** messages that became read */
  updated: z.number().int().nonnegative(),
  revision: z.number().int().nonnegative(),
});
export type MessagesReadResponse = z.infer<typeof messagesReadResponseSchema>;
