/**
 * A tone in bursts as a fake microphone for Chromium (`--use-file-for-fake-audio-capture`):
 * 48 kHz mono, 10 s, which Chromium loops; or for baresip (`audio: { wav }`, played once: 8 kHz
 * for G.711, as long as the test needs). Bursts, not a steady sine, so WebRTC's noise
 * suppressor keeps it; each party gets its own frequency so what each one hears can be told apart
 * (`window.__ucMediaTest.stopRecording(frequencies)`, `toneShareOf`).
 */
import { execFileSync } from 'node:child_process';

export function toneWav(
  path: string,
  frequency: number,
  onS: number,
  offS: number,
  { sampleRate = 48_000, seconds = 10 }: { sampleRate?: number; seconds?: number } = {},
): string {
  const repeats = Math.ceil(seconds / (onS + offS)) - 1;
  execFileSync('sox', [
    '-n',
    '-r',
    String(sampleRate),
    '-c',
    '1',
    '-b',
    '16',
    path,
    'synth',
    String(onS),
    'sine',
    String(frequency),
    'vol',
    '0.5',
    'pad',
    '0',
    String(offS),
    'repeat',
    String(repeats),
  ]);
  return path;
}
