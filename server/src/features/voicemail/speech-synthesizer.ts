/**
 * Speech for the voicemail service's announcements (SPEC B2: absence and
 * return time): espeak-ng (Debian package `espeak-ng`, the same engine that
 * made the greeting) speaks to stdout, the WAV is brought to the service's
 * 8 kHz. A missing engine is said once in the log and the calls go on
 * without announcements. The last sentences are kept (the same absence is
 * announced to every caller).
 */
import { execFile } from 'node:child_process';
import type { AnnouncementLanguage, SpeechSynthesizer } from '../forwarding';
import { decodeWav, VOICEMAIL_SAMPLE_RATE } from './wav-codec';

/** Sentences kept, least recently used dropped first. */
const CACHE_SIZE = 32;
/** espeak-ng must be done within this, ms (a sentence takes well under a second). */
const SPEAK_TIMEOUT_MS = 5_000;
const VOICES: Record<AnnouncementLanguage, string> = { fr: 'fr', en: 'en-gb' };

export class EspeakSynthesizer implements SpeechSynthesizer {
  readonly #cache = new Map<string, Int16Array>();
  readonly #log: (message: string) => void;
  #missing = false;

  constructor(options: { binary?: string; logger?: (message: string) => void } = {}) {
    this.binary = options.binary ?? 'espeak-ng';
    this.#log = options.logger ?? ((message) => console.error(message));
  }

  readonly binary: string;

  async speak(text: string, language: AnnouncementLanguage): Promise<Int16Array | undefined> {
    if (this.#missing) return undefined;
    const key = `${language}|${text}`;
    const cached = this.#cache.get(key);
    if (cached) {
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    let wav: Buffer;
    try {
      wav = await new Promise<Buffer>((resolve, reject) => {
        execFile(
          this.binary,
          ['-v', VOICES[language], '-s', '150', '--stdout', text],
          { encoding: 'buffer', timeout: SPEAK_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        );
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.#missing = true;
        this.#log(`voicemail: ${this.binary} not found (apt-get install espeak-ng): no absence announcements`);
      } else {
        this.#log(`voicemail: announcement not spoken: ${(error as Error).message}`);
      }
      return undefined;
    }
    const decoded = decodeWav(wav);
    const samples = resample(decoded.samples, decoded.sampleRate, VOICEMAIL_SAMPLE_RATE);
    this.#cache.set(key, samples);
    if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
    return samples;
  }
}

/**
 * Resamples mono 16-bit audio: each output sample is the mean of the input
 * samples within one output period around it (a box filter against
 * aliasing, enough for speech on a telephone line).
 */
export function resample(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return input;
  const ratio = fromRate / toRate;
  const out = new Int16Array(Math.floor(input.length / ratio));
  const half = Math.max(ratio / 2, 0.5);
  for (let i = 0; i < out.length; i++) {
    const centre = i * ratio;
    const from = Math.max(0, Math.ceil(centre - half));
    const to = Math.min(input.length - 1, Math.floor(centre + half));
    let sum = 0;
    for (let j = from; j <= to; j++) sum += input[j]!;
    out[i] = Math.round(sum / (to - from + 1));
  }
  return out;
}
