/**
 * Makes the speech WAV the e2e microphone plays: espeak-ng (Debian package)
 * speaks a sentence with clear pauses so its loudness envelope is distinctive.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SPEECH_TEXT =
  'Hello, this is Switchboard. One, two, three. The quick brown fox jumps over the lazy dog. Four, five.';

export function makeSpeechWav(path: string, text = SPEECH_TEXT): string {
  if (!existsSync(path)) {
    try {
      execFileSync('espeak-ng', ['-s', '150', '-w', path, text], { stdio: 'pipe' });
    } catch (err) {
      throw new Error(`espeak-ng failed (apt-get install espeak-ng): ${(err as Error).message}`);
    }
  }
  return path;
}
