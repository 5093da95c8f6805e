/**
 * Voicemail (SPEC H) as the renderer sees it: the `voicemail.*` channels of
 * the IPC contract.
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

/** Payload schemas of the voicemail channels. */
export const voicemailInvokeSchemas = {
  /** the mailbox as last fetched from the UC server (newest first) */
  'voicemail.list': z.strictObject({}),
  /** one recording as an audio/wav data: URL ('not-found' when it is gone) */
  'voicemail.getAudio': voicemailIdPayloadSchema,
  /** marks listened / new again, on the server (all the user's devices) */
  'voicemail.setListened': voicemailSetListenedPayloadSchema,
  'voicemail.delete': voicemailIdPayloadSchema,
} as const;

export interface VoicemailInvokeResults {
  'voicemail.list': VoicemailListView;
  'voicemail.getAudio': { dataUrl: string };
  'voicemail.setListened': void;
  'voicemail.delete': void;
}

export interface VoicemailEventPayloads {
  /** the mailbox changed (new message, listened, deleted, from any device) */
  'voicemail.onDidChange': VoicemailListView;
}

export const VOICEMAIL_EVENT_CHANNELS = { 'voicemail.onDidChange': true } satisfies Record<
  keyof VoicemailEventPayloads,
  true
>;
