/**
 * G.711 µ-law (ITU-T G.711, what RTP payload type 0 "PCMU" carries, RFC 3551
 * §4.5.14) and the WAV container the voicemails are stored in: RIFF/WAVE,
 * PCM 16-bit little-endian, mono, 8 kHz (SPEC H5).
 */

/** Sample rate of PCMU and of every stored voicemail. */
export const VOICEMAIL_SAMPLE_RATE = 8000;

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

/** Decodes one µ-law byte to a 16-bit linear sample (G.711 table inverse). */
export function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  // `| 0`: no -0 for the 0x7f code
  return (sign ? -magnitude : magnitude) | 0;
}

/** Encodes one 16-bit linear sample to µ-law (G.711, with the usual 0x84 bias). */
export function linearToMulaw(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  if (s > MULAW_CLIP) s = MULAW_CLIP;
  s += MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

const DECODE_TABLE = Int16Array.from({ length: 256 }, (_, b) => mulawToLinear(b));

/** Decodes a µ-law payload into `out` starting at `offset` (bounded by out's length). */
export function decodeMulawInto(payload: Uint8Array, out: Int16Array, offset: number): void {
  const n = Math.min(payload.length, out.length - offset);
  for (let i = 0; i < n; i++) out[offset + i] = DECODE_TABLE[payload[i]!]!;
}

/** Encodes 16-bit samples to µ-law bytes. */
export function encodeMulaw(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = linearToMulaw(samples[i]!);
  return out;
}

/** A RIFF/WAVE PCM 16-bit mono file for `samples` at `sampleRate` (44-byte header + data). */
export function encodeWav(samples: Int16Array, sampleRate = VOICEMAIL_SAMPLE_RATE): Buffer {
  const dataBytes = samples.length * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i]!, 44 + i * 2);
  return buf;
}

/** A decoded PCM 16-bit WAV (first channel when there are several). */
export interface DecodedWav {
  sampleRate: number;
  samples: Int16Array;
}

/** Thrown by {@link decodeWav} for anything but a PCM 16-bit RIFF/WAVE file. */
export class WavFormatError extends Error {
  override readonly name = 'WavFormatError';
}

/**
 * Reads a PCM 16-bit RIFF/WAVE file. A data size larger than the file (what a
 * streaming writer such as espeak-ng leaves) is clamped to the file.
 */
export function decodeWav(buf: Uint8Array): DecodedWav {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 12 || b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a RIFF/WAVE file');
  }
  let offset = 12;
  let channels = 0;
  let sampleRate = 0;
  // bounded: every step advances by at least 8 bytes
  while (offset + 8 <= b.length) {
    const id = b.toString('ascii', offset, offset + 4);
    const size = b.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + 16 > b.length) throw new WavFormatError('truncated fmt chunk');
      const format = b.readUInt16LE(body);
      channels = b.readUInt16LE(body + 2);
      sampleRate = b.readUInt32LE(body + 4);
      const bits = b.readUInt16LE(body + 14);
      if (format !== 1 || bits !== 16 || channels < 1) throw new WavFormatError('only PCM 16-bit WAV is supported');
    } else if (id === 'data') {
      if (sampleRate === 0) throw new WavFormatError('data chunk before fmt chunk');
      const end = Math.min(b.length, body + size);
      const frames = Math.max(0, Math.floor((end - body) / (2 * channels)));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = b.readInt16LE(body + i * 2 * channels);
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new WavFormatError('no data chunk');
}

/** A sine tone (the beep after the greeting): `ms` long, with 5 ms fades against clicks. */
export function toneSamples(
  frequencyHz: number,
  ms: number,
  amplitude = 8000,
  sampleRate = VOICEMAIL_SAMPLE_RATE,
): Int16Array {
  const n = Math.round((sampleRate * ms) / 1000);
  const fade = Math.round(sampleRate * 0.005);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const envelope = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = Math.round(amplitude * envelope * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate));
  }
  return out;
}
