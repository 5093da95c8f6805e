/**
 * The AppCore end to end through dispatchInvoke (what both shells call):
 * login through the real UC server (which provisions the SIP side), SIP
 * registration on the real Kamailio that authenticates against the server's
 * accounts, a call to a second engine, hang-up, and the journal entry it
 * leaves; plus the invalid-number / invalid-server guards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CallView,
  EventChannel,
  JournalEntry,
  RecentDialView,
  SessionState,
} from '../../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import type { KamailioFixture } from '../../support/kamailio-fixture';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { WeriftMediaHost } from '../../support/werift-media-host';

describe('AppCore over a real SIP server', () => {
  let stack: UcStack;
  let media: WeriftMediaHost;
  let core: AppCore;
  let bob: TestPhone;
  const events: { channel: EventChannel; payload: unknown }[] = [];
  const incoming: Call[] = [];

  beforeAll(async () => {
    stack = await startUcStack();
    media = new WeriftMediaHost();
    core = composeAppCore({ dataDir: ':memory:', mediaHost: media });
    core.onEvent(({ channel, payload }) => events.push({ channel, payload }));
    // createPhone only reads the SIP side of the fixture
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    bob = createPhone(sip as unknown as KamailioFixture, '101');
    bob.engine.onDidReceiveCall((c) => incoming.push(c));
    expect((await bob.engine.start()).status).toBe('registered');
  });

  afterAll(async () => {
    await core?.dispose();
    await media?.dispose();
    await bob?.dispose();
    await stack?.stop();
  });

  const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const r = await dispatchInvoke(core, channel, payload);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const lastCalls = (): CallView[] =>
    (events.filter((e) => e.channel === 'calls.onDidChange').at(-1)?.payload as CallView[] | undefined) ?? [];

  it('refuses a malformed server address', async () => {
    const r = await dispatchInvoke(core, 'session.login', { server: 'ftp://nope', user: '100', password: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-server' } });
  });

  it('reports auth-failed / invalid-credentials for a wrong password', async () => {
    const state = await ok<SessionState>('session.login', {
      server: stack.serverAddress,
      user: '100',
      password: 'nope',
    });
    expect(state).toMatchObject({ status: 'auth-failed', loginError: 'invalid-credentials' });
  });

  it('logs in, dials, talks, hangs up, and journals the call', async () => {
    const alice = stack.users.find((u) => u.number === '100')!;
    const state = await ok<SessionState>('session.login', {
      server: stack.serverAddress,
      user: '100',
      password: alice.password,
    });
    expect(state).toMatchObject({
      status: 'registered',
      user: '100',
      server: stack.serverAddress,
      displayName: alice.displayName,
      ucConnection: 'online',
    });

    const bad = await dispatchInvoke(core, 'calls.dial', { target: '10a1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-number' } });
    expect(incoming).toHaveLength(0);

    const { callId } = await ok<{ callId: string }>('calls.dial', { target: '101' });
    await waitFor('incoming at bob', () => incoming.length === 1);
    await waitFor('ringing-out in the UI list', () =>
      lastCalls().some((c) => c.id === callId && c.state === 'ringing-out'),
    );
    await incoming[0]!.answer();
    await waitFor('established in the UI list', () =>
      lastCalls().some((c) => c.id === callId && c.state === 'established'),
    );
    const sid = incoming[0]!.mediaSessionId!;
    await waitFor('RTP from the app reaches bob', () => (bob.media.stats(sid)?.rxAudioPackets ?? 0) > 20);

    await ok('calls.setHold', { callId, hold: true });
    expect((await ok<CallView[]>('calls.list')).find((c) => c.id === callId)).toMatchObject({
      state: 'held',
      held: true,
    });
    await ok('calls.setHold', { callId, hold: false });
    await ok('calls.sendDtmf', { callId, tones: '7' });
    await waitFor('DTMF at bob', () => bob.media.stats(sid)?.rxDigits === '7');

    await ok('calls.hangup', { callId });
    await waitFor('bob terminated', () => incoming[0]!.state === 'terminated');
    const journal = await ok<JournalEntry[]>('journal.list', { limit: 10 });
    expect(journal).toEqual([
      expect.objectContaining({
        callId,
        direction: 'outgoing',
        peer: '101',
        result: 'answered',
        reason: 'local-hangup',
      }),
    ]);
    expect(journal[0]!.answeredAt).toBeGreaterThanOrEqual(journal[0]!.startedAt);
    expect(journal[0]!.endedAt).toBeGreaterThanOrEqual(journal[0]!.answeredAt!);
    expect((await ok<RecentDialView[]>('dial.getRecent')).map((r) => r.number)).toEqual(['101']);
    expect(events.some((e) => e.channel === 'journal.onDidChange')).toBe(true);

    const out = await ok<SessionState>('session.logout');
    expect(out).toEqual({ status: 'logged-out' });
    expect(await dispatchInvoke(core, 'calls.dial', { target: '101' })).toMatchObject({
      ok: false,
      error: { code: 'not-registered' },
    });
  });
});
