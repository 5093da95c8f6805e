import { describe, expect, it } from 'vitest';
import {
  decodeWav,
  encodeMulaw,
  encodeWav,
  linearToMulaw,
  mulawToLinear,
  toneSamples,
  WavFormatError,
} from '../../../server/src/features/voicemail/wav-codec';

describe('G.711 µ-law', () => {
  it('matches known code points of the G.711 table', () => {
    expect(linearToMulaw(0)).toBe(0xff);
    expect(mulawToLinear(0xff)).toBe(0);
    expect(mulawToLinear(0x7f)).toBe(0);
    expect(mulawToLinear(0x80)).toBe(32124);
    expect(mulawToLinear(0x00)).toBe(-32124);
    expect(linearToMulaw(32767)).toBe(0x80);
    expect(linearToMulaw(-32768)).toBe(0x00);
  });

  it('round-trips every code and keeps the quantization error within a segment step', () => {
    for (let b = 0; b < 256; b++) {
      const code = linearToMulaw(mulawToLinear(b));
      // 0x7f and 0xff both mean 0
      expect(mulawToLinear(code)).toBe(mulawToLinear(b));
    }
    for (let x = -32000; x <= 32000; x += 97) {
      const back = mulawToLinear(linearToMulaw(x));
      // logarithmic: the error grows with the magnitude (at most half a step of the top segment)
      expect(Math.abs(back - x)).toBeLessThanOrEqual(Math.max(8, Math.abs(x) / 16));
    }
  });
});

describe('WAV 16-bit mono', () => {
  it('writes a 44-byte RIFF header and reads its samples back', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const wav = encodeWav(samples, 8000);
    expect(wav.length).toBe(44 + samples.length * 2);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(36 + samples.length * 2);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(34)).toBe(16);
    const back = decodeWav(wav);
    expect(back.sampleRate).toBe(8000);
    expect([...back.samples]).toEqual([...samples]);
  });

  it('an empty message is a valid WAV of 0 samples', () => {
    expect(decodeWav(encodeWav(new Int16Array(0))).samples.length).toBe(0);
  });

  it('clamps a streaming data size to the file and refuses what is not PCM 16-bit WAV', () => {
    const wav = encodeWav(Int16Array.from([5, 6, 7]));
    wav.writeUInt32LE(0x7fffffff, 40);
    expect([...decodeWav(wav).samples]).toEqual([5, 6, 7]);
    expect(() => decodeWav(Buffer.from('not a wav at all'))).toThrow(WavFormatError);
    const eightBit = encodeWav(Int16Array.from([1]));
    eightBit.writeUInt16LE(8, 34);
    expect(() => decodeWav(eightBit)).toThrow(/16-bit/);
  });

  it('the beep is a tone of the asked length and frequency', () => {
    const beep = toneSamples(1000, 400);
    expect(beep.length).toBe(3200);
    // zero crossings of a 1 kHz sine over 0.4 s: about 800
    let crossings = 0;
    for (let i = 1; i < beep.length; i++) if (beep[i - 1]! < 0 !== beep[i]! < 0) crossings++;
    expect(crossings).toBeGreaterThan(780);
    expect(crossings).toBeLessThan(820);
    expect(encodeMulaw(beep).length).toBe(3200);
  });
});
