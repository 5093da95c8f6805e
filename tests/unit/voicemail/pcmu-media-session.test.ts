import { describe, expect, it } from 'vitest';
import { PcmuMediaSession } from '../../../server/src/features/voicemail/pcmu-media-session';

// waitConnected must settle when the session is closed (sip.js closes it when
// the call ends), also when it was closed before the wait began (a caller who
// hangs up right after the 200 OK): werift emits no state change any more
// then, so the waiter would hang, its timer armed, until its timeout.

describe('PcmuMediaSession.waitConnected', () => {
  it('answers false at once when the session is closed while waiting', async () => {
    const media = new PcmuMediaSession({ bindAddress: '127.0.0.1' });
    const waiting = media.waitConnected(60_000);
    media.close();
    const outcome = await Promise.race([
      waiting,
      new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 2_000).unref()),
    ]);
    expect(outcome).toBe(false);
  });

  it('answers false for a session closed before the call', async () => {
    const media = new PcmuMediaSession({ bindAddress: '127.0.0.1' });
    media.close();
    expect(await media.waitConnected(60_000)).toBe(false);
  });

  it('answers false after the timeout when nothing connects', async () => {
    const media = new PcmuMediaSession({ bindAddress: '127.0.0.1' });
    try {
      expect(await media.waitConnected(50)).toBe(false);
    } finally {
      media.close();
    }
  });
});
