/**
 * Voicemail (SPEC H) as the renderer sees it: the shapes of the
 * `voicemail.*` channels of ipc-contract.ts.
 */
import { z } from 'zod';

const voicemailId = z.string().min(1).max(64);

export const voicemailIdPayloadSchema = z.strictObject({ id: voicemailId });
export const voicemailSetListenedPayloadSchema = z.strictObject({ id: voicemailId, listened: z.boolean() });

/** One voice message of the user's mailbox ("Voice message" in the conversations, SPEC H1). */
export interface VoicemailView {
  id: string;
  /** the caller's number or SIP user: what "call back" dials */
  callerNumber: string;
  /** the caller's display name, when the call carried one */
  callerName?: string;
  /** epoch ms */
  receivedAt: number;
  durationMs: number;
  /** false = new (counted in counters.newVoicemails) */
  listened: boolean;
}

/** The mailbox as the engine last fetched it (newest first). */
export interface VoicemailListView {
  voicemails: VoicemailView[];
  /** voicemails not listened to yet */
  newCount: number;
  /** false until the first fetch after login succeeded */
  loaded: boolean;
}
