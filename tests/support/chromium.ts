/**
 * Launches Debian's Chromium (never a downloaded browser) for e2e tests and
 * the bench, with the flags that make WebRTC work on a loopback-only machine
 * and feed the fake microphone from a WAV file.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(opts: { fakeAudioWav?: string } = {}): Promise<Browser> {
  const args = [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    // without it there are no ICE candidates on loopback: SIP establishes but no RTP flows
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
  ];
  if (opts.fakeAudioWav) args.push(`--use-file-for-fake-audio-capture=${opts.fakeAudioWav}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}
