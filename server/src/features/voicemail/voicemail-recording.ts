import type { ReceivedAudio } from './pcmu-media-session';
import { decodeMulawInto, encodeWav, VOICEMAIL_SAMPLE_RATE } from './wav-codec';

/** Longest message (SPEC H: the agent hangs up when it is reached). */
export const MAX_MESSAGE_MS = 120_000;

/** A packet further ahead than this of what was received so far is a broken timestamp, not a gap. */
const MAX_GAP_SAMPLES = 5 * VOICEMAIL_SAMPLE_RATE;

/**
 * The caller's audio of one message: µ-law RTP packets decoded to 16-bit
 * PCM and placed by their RTP timestamp (RFC 3550 §5.1), so a lost packet
 * leaves 20 ms of silence instead of shifting what follows, and a reordered
 * one lands where it belongs. The first packet fixes time zero; anything
 * before it, duplicated, or beyond `maxMs` is dropped. Memory is bounded by
 * `maxMs` (120 s = 1.9 MB).
 */
export class VoicemailRecording {
  private readonly samples: Int16Array;
  private base: number | undefined;
  private end = 0;
  private packets = 0;

  constructor(maxMs = MAX_MESSAGE_MS) {
    this.samples = new Int16Array(Math.round((maxMs * VOICEMAIL_SAMPLE_RATE) / 1000));
  }

  /** Recorded length so far (up to the end of the latest packet), ms. */
  get durationMs(): number {
    return Math.round((this.end * 1000) / VOICEMAIL_SAMPLE_RATE);
  }

  /** True once the maximum length is reached. */
  get full(): boolean {
    return this.end >= this.samples.length;
  }

  /** Packets placed so far. */
  get packetCount(): number {
    return this.packets;
  }

  /** Adds one received packet. */
  push(audio: ReceivedAudio): void {
    this.base ??= audio.timestamp >>> 0;
    // modulo 2^32: the RTP timestamp wraps around
    const offset = ((audio.timestamp >>> 0) - this.base + 0x1_0000_0000) % 0x1_0000_0000;
    if (offset >= this.samples.length || offset > this.end + MAX_GAP_SAMPLES) return;
    decodeMulawInto(audio.payload, this.samples, offset);
    this.end = Math.max(this.end, Math.min(this.samples.length, offset + audio.payload.length));
    this.packets += 1;
  }

  /** The samples recorded so far. */
  pcm(): Int16Array {
    return this.samples.slice(0, this.end);
  }

  /** The message as a WAV file (16-bit mono 8 kHz, SPEC H5). */
  toWav(): Buffer {
    return encodeWav(this.pcm(), VOICEMAIL_SAMPLE_RATE);
  }
}
