/**
 * Audio comparison for the e2e call test: the loudness envelope (RMS per
 * window) of what the far end received is correlated with the envelope of the
 * WAV the near end's fake microphone played. Speech has a distinctive
 * envelope, so a high correlation proves the right audio crossed the call,
 * whatever the codec did to the waveform.
 */
import { readFileSync } from 'node:fs';

export interface PcmAudio {
  sampleRate: number;
  /** mono samples in [-1, 1] */
  samples: Float32Array;
}

/** Reads a PCM 16-bit WAV file (mono or the first channel of several). */
export function readWav(path: string): PcmAudio {
  const buf = readFileSync(path);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${path} is not a RIFF/WAVE file`);
  }
  let offset = 12;
  let channels = 1;
  let sampleRate = 0;
  let bits = 0;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const format = buf.readUInt16LE(body);
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      bits = buf.readUInt16LE(body + 14);
      if (format !== 1 || bits !== 16) throw new Error(`${path}: only PCM 16-bit WAV is supported`);
    } else if (id === 'data') {
      if (!sampleRate) throw new Error(`${path}: data chunk before fmt chunk`);
      // espeak-ng writes 0x7fffffff as data size when streaming: clamp to the file
      const end = Math.min(buf.length, body + size);
      const frames = Math.floor((end - body) / (2 * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = buf.readInt16LE(body + i * 2 * channels) / 32768;
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}

/** RMS of consecutive windows of `windowMs`. */
export function rmsEnvelope(audio: PcmAudio, windowMs: number): number[] {
  const n = Math.max(1, Math.round((audio.sampleRate * windowMs) / 1000));
  const out: number[] = [];
  for (let start = 0; start + n <= audio.samples.length; start += n) {
    let sum = 0;
    for (let i = start; i < start + n; i++) sum += audio.samples[i]! * audio.samples[i]!;
    out.push(Math.sqrt(sum / n));
  }
  return out;
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/**
 * Best Pearson correlation between `received` and the *looped* `reference`
 * over every lag (the fake capture device plays its file in a loop, and the
 * recording starts at an arbitrary point of that loop).
 */
export function bestLoopedCorrelation(
  received: readonly number[],
  reference: readonly number[],
): { correlation: number; lag: number } {
  if (reference.length === 0 || received.length === 0) return { correlation: 0, lag: 0 };
  let best = { correlation: -1, lag: 0 };
  for (let lag = 0; lag < reference.length; lag++) {
    const shifted = received.map((_, i) => reference[(i + lag) % reference.length]!);
    const c = pearson(received, shifted);
    if (c > best.correlation) best = { correlation: c, lag };
  }
  return best;
}
