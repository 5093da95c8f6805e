/**
 * Conversations on two devices of one user (issue #13) through the real servers: A (100) calls B (101)
 * and B answers, C (102) calls B and gives up, A sends B a message. Both of B's apps (AppCore, one
 * SQLite database each) show two conversations from the server's history: A (call + message) and
 * C (missed call), newest first with the right counters. Reading C's on one device clears its counter
 * on the other; deleting an event, a conversation, then all follows on the other device; a fresh
 * device (a reinstall) gets the history back from the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src-preload/contract/ipc-contract';
import type { ConversationEventView, ConversationSummaryView } from '../../../src-preload/contract/conversations';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { until } from '../../support/app-core-harness';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { WeriftMediaHost } from '../../support/werift-media-host';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Martin' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Müller' },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Dubois' },
];

interface App {
  core: AppCore;
  media: WeriftMediaHost;
}

describe('conversations on two devices (issue #13)', () => {
  let stack: UcStack;
  const apps: App[] = [];
  let alice: TestPhone;
  let chloe: TestPhone;
  let device1: App;
  let device2: App;

  const ok = async <T>(core: AppCore, channel: string, payload: unknown = {}): Promise<T> => {
    const r = await dispatchInvoke(core, channel, payload);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const openApp = async (): Promise<App> => {
    const media = new WeriftMediaHost();
    const core = composeAppCore({ dataDir: ':memory:', mediaHost: media });
    const app = { core, media };
    apps.push(app);
    const state = await ok<SessionState>(core, 'session.login', {
      server: stack.serverAddress,
      user: '101',
      password: 'Welcome101!',
    });
    expect(state.status).toBe('registered');
    return app;
  };
  const list = (app: App): Promise<ConversationSummaryView[]> => ok(app.core, 'conversations.list');
  const shape = async (app: App): Promise<string> =>
    (await list(app)).map((c) => `${c.peer}:${c.last.kind}:${c.unread}`).join(' ');

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip, '100');
    chloe = createPhone(sip, '102');
    for (const p of [alice, chloe]) expect((await p.engine.start()).status).toBe('registered');
    device1 = await openApp();
    device2 = await openApp();
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) {
      await app.core.dispose().catch(() => undefined);
      await app.media.dispose().catch(() => undefined);
    }
    await alice?.dispose();
    await chloe?.dispose();
    await stack?.stop();
  });

  it('both devices show the same conversations, read and deletions follow', async () => {
    // A calls B, B answers on device 1 (device 2 stops ringing: answered elsewhere)
    const answered: Call = alice.engine.dial('101');
    await until('device 1 rings', async () =>
      (await ok<{ id: string; state: string }[]>(device1.core, 'calls.list')).some((c) => c.state === 'ringing-in'),
    );
    const ringing = (await ok<{ id: string; state: string }[]>(device1.core, 'calls.list')).find(
      (c) => c.state === 'ringing-in',
    )!;
    await ok(device1.core, 'calls.answer', { callId: ringing.id });
    await waitFor('A talks to B', () => answered.state === CallState.Established, 10_000);
    await answered.hangup();
    // C calls B and gives up
    const missed = chloe.engine.dial('101');
    await waitFor('C hears ringing', () => missed.state === CallState.RingingOut, 10_000);
    await missed.hangup();
    // A sends B a message (through A's own session on the server)
    const aliceMedia = new WeriftMediaHost();
    const aliceApp = composeAppCore({ dataDir: ':memory:', mediaHost: aliceMedia });
    apps.push({ core: aliceApp, media: aliceMedia });
    await ok(aliceApp, 'session.login', { server: stack.serverAddress, user: '100', password: 'Welcome100!' });
    await ok(aliceApp, 'messages.send', { peer: '101', text: 'Tu as deux minutes ?' });

    const expected = '100:message:1 102:call:1';
    for (const device of [device1, device2]) {
      await until(`the device shows ${expected}`, async () => (await shape(device)) === expected);
    }
    const history = await ok<ConversationEventView[]>(device2.core, 'conversations.history', { peer: '100' });
    expect(history.map((e) => e.kind)).toEqual(['call', 'message']);
    expect(history[0]).toMatchObject({ kind: 'call', direction: 'in', result: 'answered', deviceKind: 'app' });
    const names = Object.fromEntries((await list(device2)).map((c) => [c.peer, c.peerName]));
    expect(names).toEqual({ '100': 'Alice Martin', '102': 'Chloé Dubois' });

    // reading C's conversation on device 1 clears its counter on device 2
    await ok(device1.core, 'conversations.markRead', { peer: '102' });
    await until('device 2 sees it read', async () => (await shape(device2)) === '100:message:1 102:call:0');

    // delete one event (the answered call with A) on device 2 → device 1 follows
    await ok(device2.core, 'conversations.delete', { eventId: history[0]!.id });
    await until('device 1 lost the call', async () =>
      (await ok<ConversationEventView[]>(device1.core, 'conversations.history', { peer: '100' })).every(
        (e) => e.kind !== 'call',
      ),
    );
    // a whole conversation (C's), then all
    await ok(device1.core, 'conversations.delete', { peer: '102' });
    await until('device 2 lost C', async () => !(await shape(device2)).includes('102'));

    // a reinstall (a fresh database) gets the same history back from the server
    const fresh = await openApp();
    await until('the fresh device shows A', async () => (await shape(fresh)) === '100:message:1');

    await ok(device2.core, 'conversations.delete', { all: true });
    await until('device 1 has no calls left', async () => (await list(device1)).every((c) => c.last.kind !== 'call'));
  });
});
