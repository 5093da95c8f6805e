/**
 * Issue 8, a PC shared by several users, through the real stack: the UC
 * server, Kamailio and werift media, one AppCore on one data folder (what both
 * shells run). Bruno (101) has a missed call, a call he made, a message and a
 * per-user setting; he logs out; David (103, first login: new password) logs
 * in on the same PC and sees none of it; he logs out; Bruno logs in again —
 * and after a restart too — and everything of his is back.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CallView,
  CountersView,
  EventChannel,
  JournalEntry,
  RecentDialView,
  SessionState,
  Settings,
} from '../../../src-preload/contract/ipc-contract';
import type { ConversationView, MessageView } from '../../../src-preload/contract/messages';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { ACCOUNTS_DIR } from '../../../src-main/core/platform/db/account-databases';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { UcServerClient } from '../../../src-main/core/app/uc-server-client';
import { createPhone, type TestPhone } from '../../support/engine-harness';
import type { KamailioFixture } from '../../support/kamailio-fixture';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { WeriftMediaHost } from '../../support/werift-media-host';
import { until } from '../../support/sync-helpers';

const NO_COUNTERS: CountersView = { missedCalls: 0, unreadMessages: 0, newVoicemails: 0 };

describe('a PC shared by Bruno and David (issue 8), over the real stack', () => {
  let stack: UcStack;
  let dataDir: string;
  let media: WeriftMediaHost;
  let core: AppCore;
  let alice: TestPhone;
  let aliceUc: UcServerClient;
  const incomingAtAlice: Call[] = [];
  let events: { channel: EventChannel; payload: unknown }[] = [];

  const newCore = (): AppCore => {
    const c = composeAppCore({
      dataDir,
      mediaHost: media,
      headsetAdapters: [],
      defaultLanguage: 'en',
      backoff: { baseMs: 200, capMs: 1000, minMs: 100 },
    });
    c.onEvent(({ channel, payload }) => events.push({ channel, payload }));
    return c;
  };
  const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const r = await dispatchInvoke(core, channel, payload);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const login = (user: string, password: string) =>
    ok<SessionState>('session.login', { server: stack.serverAddress, user, password });
  const counters = () => ok<CountersView>('counters.get');
  const journal = async () =>
    (await ok<JournalEntry[]>('journal.list')).map((e) => `${e.direction} ${e.peer} ${e.result}`);
  const lastEvent = (channel: EventChannel): unknown => events.filter((e) => e.channel === channel).at(-1)?.payload;

  /** Everything a user could see of another one: all empty, all zero. */
  const expectNothingOfBruno = async (): Promise<void> => {
    expect(await ok('journal.list')).toEqual([]);
    expect(await counters()).toEqual(NO_COUNTERS);
    expect(await ok('messages.listConversations')).toEqual([]);
    expect(await ok('messages.history', { peer: '100' })).toEqual([]);
    expect(await ok('dial.getRecent')).toEqual([]);
    expect((await ok<Settings>('settings.get')).popupVisibility).toBe('always');
  };

  beforeAll(async () => {
    stack = await startUcStack();
    dataDir = mkdtempSync(join(tmpdir(), 'sb-shared-pc-'));
    media = new WeriftMediaHost();
    core = newCore();
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip as unknown as KamailioFixture, '100');
    alice.engine.onDidReceiveCall((c) => incomingAtAlice.push(c));
    expect((await alice.engine.start()).status).toBe('registered');
    aliceUc = new UcServerClient({ apiUrl: stack.apiUrl });
    await aliceUc.login({ user: '100', password: 'Welcome100!' });
  });

  afterAll(async () => {
    await core?.dispose();
    await aliceUc?.logout().catch(() => undefined);
    await alice?.dispose();
    await media?.dispose();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('Bruno: a missed call, a call he makes, a message and a setting of his own', async () => {
    expect(await login('101', 'Welcome101!')).toMatchObject({ status: 'registered', user: '101' });

    // Alice calls, gives up while it rings: missed
    const missed = alice.engine.dial('101');
    await until('ringing at Bruno', () =>
      ((lastEvent('calls.onDidChange') as CallView[] | undefined) ?? []).some((c) => c.state === 'ringing-in'),
    );
    await until('ringing-out at Alice', () => missed.state === 'ringing-out');
    await missed.hangup();
    await until('missed call counted', async () => (await counters()).missedCalls === 1);

    // Bruno calls Alice, she answers, he hangs up
    const { callId } = await ok<{ callId: string }>('calls.dial', { target: '100' });
    await until('incoming at Alice', () => incomingAtAlice.length === 1);
    await incomingAtAlice[0]!.answer();
    await until('established', async () =>
      (await ok<CallView[]>('calls.list')).some((c) => c.id === callId && c.state === 'established'),
    );
    await ok('calls.hangup', { callId });
    await until('ended at Alice', () => incomingAtAlice[0]!.state === 'terminated');

    // Alice writes to him
    await aliceUc.sendMessage({ to: '101', text: 'Rappelle-moi, Bruno' }, randomUUID());
    await until('message received', async () => (await counters()).unreadMessages === 1);

    await ok('settings.update', { popupVisibility: 'never' });
    await until('journal written', async () => (await journal()).length === 2);
    expect(await journal()).toEqual(['outgoing 100 answered', 'incoming 100 missed']);
    expect((await ok<RecentDialView[]>('dial.getRecent')).map((r) => r.number)).toEqual(['100']);
    expect(await counters()).toEqual({ missedCalls: 1, unreadMessages: 1, newVoicemails: 0 });
  });

  it('logout closes his data and tells every view: nothing of his shows on the login screen', async () => {
    events = [];
    expect(await ok('session.logout')).toEqual({ status: 'logged-out' });
    // the renderer is told to reload every per-user view (and the tray badge to go to zero)
    expect(lastEvent('counters.onDidChange')).toEqual(NO_COUNTERS);
    expect(lastEvent('messages.onDidChange')).toEqual({ peers: [] });
    expect(lastEvent('voicemail.onDidChange')).toEqual({ voicemails: [], newCount: 0, loaded: false });
    expect(lastEvent('presence.onDidChange')).toBeNull();
    expect(lastEvent('settings.onDidChange')).toMatchObject({ popupVisibility: 'always' });
    for (const channel of ['journal.onDidChange', 'directory.onDidChange', 'sync.onDidChange'] as const) {
      expect(
        events.some((e) => e.channel === channel),
        channel,
      ).toBe(true);
    }
    await expectNothingOfBruno();
    expect(await ok('directory.search', { query: 'alice' })).toEqual({ groups: [] });
  });

  it('David logs in on the same PC (first login: new password) and sees an empty journal, zero counters, no messages, no recent dials', async () => {
    expect(await login('103', 'Welcome103!')).toMatchObject({ status: 'password-change-required', user: '103' });
    await expectNothingOfBruno();
    expect(
      await ok('session.changePassword', { currentPassword: 'Welcome103!', newPassword: 'David-2024!' }),
    ).toMatchObject({
      status: 'registered',
      user: '103',
    });
    await expectNothingOfBruno();
    // his own directory cache fills from the server (the internal directory), separate from Bruno's
    await until(
      'directory synced',
      async () => (await ok<{ groups: unknown[] }>('directory.search', { query: 'alice' })).groups.length > 0,
    );
    await expectNothingOfBruno();
    await ok('session.logout');
  });

  it('Bruno logs in again: his history, counters, messages, recent dials and settings are back — after a restart too', async () => {
    const expectBrunosData = async (): Promise<void> => {
      expect(await journal()).toEqual(['outgoing 100 answered', 'incoming 100 missed']);
      expect((await ok<RecentDialView[]>('dial.getRecent')).map((r) => r.number)).toEqual(['100']);
      await until('counters', async () => (await counters()).unreadMessages === 1);
      expect(await counters()).toEqual({ missedCalls: 1, unreadMessages: 1, newVoicemails: 0 });
      const conversations = await ok<ConversationView[]>('messages.listConversations');
      expect(conversations).toEqual([expect.objectContaining({ peer: '100', unread: 1 })]);
      expect((await ok<MessageView[]>('messages.history', { peer: '100' })).map((m) => m.text)).toEqual([
        'Rappelle-moi, Bruno',
      ]);
      expect((await ok<Settings>('settings.get')).popupVisibility).toBe('never');
    };
    expect(await login('101', 'Welcome101!')).toMatchObject({ status: 'registered', user: '101' });
    await expectBrunosData();

    await core.dispose();
    core = newCore();
    expect(await login('101', 'Welcome101!')).toMatchObject({ status: 'registered', user: '101' });
    await expectBrunosData();
    // one database per account, nothing else but the device preferences
    expect(readdirSync(join(dataDir, ACCOUNTS_DIR)).filter((f) => f.endsWith('.sqlite'))).toHaveLength(2);
    expect(readdirSync(dataDir).sort()).toEqual([ACCOUNTS_DIR, 'preferences.json']);
  });
});
