/**
 * The UC server's call history (issue #13, SPEC F1/E4): one record per call and per party, built by the
 * server from what Kamailio reports of every call (the app's and desk phones'), the same on every device.
 *
 *   GET  /calls?since=N&limit=M  -> CallHistoryResponse  (the caller's records changed after revision N)
 *   POST /calls/read             CallsRead -> CallsChangeResponse   (a peer's records become read)
 *   POST /calls/delete           CallsDelete -> CallsChangeResponse (one record, a peer's, or all)
 *
 * Deleted records come back once as tombstones (`deleted: true`) so other devices drop them too.
 * A `revision` lower than `since` means the server's history was reset: drop the cache and pull from 0.
 */
import { z } from 'zod';

/** Path of the history under /api/v1. */
export const CALL_HISTORY_PATH = '/calls';

/**
 * What became of a call for one party. Incoming: ringing → answered | missed (rang, nobody answered,
 * the caller gave up) | rejected | busy | deflected (`via` the new callee) | picked-up (`via` the
 * colleague) | voicemail. Outgoing: ringing → answered | voicemail | not-answered | rejected | busy | failed.
 */
export const CALL_RECORD_RESULTS = [
  'ringing',
  'answered',
  'missed',
  'rejected',
  'busy',
  'deflected',
  'picked-up',
  'voicemail',
  'not-answered',
  'failed',
] as const;
export const callRecordResultSchema = z.enum(CALL_RECORD_RESULTS);
export type CallRecordResult = z.infer<typeof callRecordResultSchema>;

/** How a call reached this party when it was not dialed directly. */
export const callOriginSchema = z.enum(['deflected', 'picked-up', 'transferred']);
export type CallOrigin = z.infer<typeof callOriginSchema>;

export const callRecordSchema = z.object({
  id: z.number().int().positive(),
  /** SIP Call-ID (the device's own journal entry of the same call carries it) */
  sipCallId: z.string(),
  direction: z.enum(['in', 'out']),
  /** the other party's number as dialed or as it called (internal extension or external number) */
  peer: z.string(),
  peerName: z.string().nullable(),
  /** the other party is one of our users */
  peerInternal: z.boolean(),
  result: callRecordResultSchema,
  /** the kind of device that answered (incoming) or placed the call (outgoing): the app or a SIP phone */
  deviceKind: z.enum(['app', 'sip-phone']).nullable(),
  /** deflected to / picked up by (a number) */
  via: z.string().nullable(),
  /** how the call came to this party, and from whom (`originNumber`) */
  origin: callOriginSchema.nullable(),
  originNumber: z.string().nullable(),
  /** epoch ms (Kamailio's clock) */
  startedAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  read: z.boolean(),
  deleted: z.boolean(),
  revision: z.number().int().positive(),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

export const callHistoryResponseSchema = z.object({
  calls: z.array(callRecordSchema),
  revision: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type CallHistoryResponse = z.infer<typeof callHistoryResponseSchema>;

const peerSchema = z.string().trim().min(1).max(64);

export const callsReadSchema = z.strictObject({
  /** every record with this peer becomes read */
  peer: peerSchema,
});
export type CallsRead = z.infer<typeof callsReadSchema>;

/** Exactly one of: one record, every record with a peer, or all the caller's records. */
export const callsDeleteSchema = z.union([
  z.strictObject({ id: z.number().int().positive() }),
  z.strictObject({ peer: peerSchema }),
  z.strictObject({ all: z.literal(true) }),
]);
export type CallsDelete = z.infer<typeof callsDeleteSchema>;

export const callsChangeResponseSchema = z.object({
  updated: z.number().int().nonnegative(),
  revision: z.number().int().nonnegative(),
});
export type CallsChangeResponse = z.infer<typeof callsChangeResponseSchema>;

/** Live event: the account's call history changed up to `revision`: GET /calls?since= */
export const callsChangedEventSchema = z.object({ type: z.literal('calls-changed'), revision: z.number().int() });
export type CallsChangedEvent = z.infer<typeof callsChangedEventSchema>;
