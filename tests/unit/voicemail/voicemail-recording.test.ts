import { describe, expect, it } from 'vitest';
import { VoicemailRecording } from '../../../server/src/features/voicemail/voicemail-recording';
import { decodeWav, linearToMulaw, mulawToLinear } from '../../../server/src/features/voicemail/wav-codec';

const frame = (value: number): Uint8Array => new Uint8Array(160).fill(linearToMulaw(value));

describe('VoicemailRecording', () => {
  it('places packets by RTP timestamp: a lost packet is silence, a late one lands in place', () => {
    const rec = new VoicemailRecording();
    const t0 = 0xffff_ff00; // wraps around 2^32 on the way
    rec.push({ payload: frame(1000), timestamp: t0, sequenceNumber: 1 });
    // packet 2 lost; packet 4 before packet 3
    rec.push({ payload: frame(3000), timestamp: (t0 + 480) >>> 0, sequenceNumber: 4 });
    rec.push({ payload: frame(2000), timestamp: (t0 + 320) >>> 0, sequenceNumber: 3 });
    expect(rec.durationMs).toBe(80);
    const pcm = rec.pcm();
    expect(pcm.length).toBe(640);
    expect(pcm[0]).toBe(mulawToLinear(linearToMulaw(1000)));
    expect(pcm[200]).toBe(0);
    expect(pcm[400]).toBe(mulawToLinear(linearToMulaw(2000)));
    expect(pcm[600]).toBe(mulawToLinear(linearToMulaw(3000)));
    expect(decodeWav(rec.toWav()).samples.length).toBe(640);
  });

  it('stops at the maximum length and ignores absurd timestamp jumps', () => {
    const rec = new VoicemailRecording(100);
    for (let i = 0; i < 10; i++) rec.push({ payload: frame(500), timestamp: i * 160, sequenceNumber: i });
    expect(rec.full).toBe(true);
    expect(rec.durationMs).toBe(100);
    const other = new VoicemailRecording();
    other.push({ payload: frame(500), timestamp: 1000, sequenceNumber: 1 });
    other.push({ payload: frame(500), timestamp: 1000 + 8000 * 60, sequenceNumber: 2 });
    expect(other.durationMs).toBe(20);
    expect(other.packetCount).toBe(1);
  });

  it('nothing received: an empty message of 0 ms', () => {
    const rec = new VoicemailRecording();
    expect(rec.durationMs).toBe(0);
    expect(decodeWav(rec.toWav()).samples.length).toBe(0);
  });
});
