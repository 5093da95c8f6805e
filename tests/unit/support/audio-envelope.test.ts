import { describe, expect, it } from 'vitest';
import { bestLoopedCorrelation, rmsEnvelope } from '../../support/audio-envelope';

function burstyAudio(sampleRate: number, seconds: number, seed: number): Float32Array {
  const out = new Float32Array(sampleRate * seconds);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const gate = Math.sin((2 * Math.PI * i) / (sampleRate * (0.3 + (seed % 5) * 0.07))) > 0.2 ? 1 : 0.02;
    out[i] = ((x / 2147483648) * 2 - 1) * 0.5 * gate;
  }
  return out;
}

describe('audio envelope correlation', () => {
  const rate = 8000;
  const source = { sampleRate: rate, samples: burstyAudio(rate, 3, 7) };
  const ref = rmsEnvelope(source, 20);

  it('finds a high correlation for the same audio started mid-loop', () => {
    const shifted = new Float32Array(source.samples.length);
    const cut = Math.floor(source.samples.length * 0.37);
    shifted.set(source.samples.subarray(cut));
    shifted.set(source.samples.subarray(0, cut), source.samples.length - cut);
    const rec = rmsEnvelope({ sampleRate: rate, samples: shifted }, 20);
    expect(bestLoopedCorrelation(rec, ref).correlation).toBeGreaterThan(0.95);
  });

  it('finds a low correlation for other audio and for silence', () => {
    const other = rmsEnvelope({ sampleRate: rate, samples: burstyAudio(rate, 3, 3) }, 20);
    expect(bestLoopedCorrelation(other, ref).correlation).toBeLessThan(0.8);
    const silence = rmsEnvelope({ sampleRate: rate, samples: new Float32Array(rate * 3) }, 20);
    expect(bestLoopedCorrelation(silence, ref).correlation).toBe(0);
  });
});
