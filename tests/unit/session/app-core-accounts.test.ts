/**
 * Issue 8, a PC shared by several users: AppCore keeps each account's data in
 * its own database, opened at login and closed at logout, and the device
 * preferences apart. Fake UC server and SIP engine; a real data folder.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel, EventPayloads, Settings } from '../../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore, type AppCoreOptions } from '../../../src-main/core/app/compose-app-core';
import { REMEMBERED_LOGIN_KEY } from '../../../src-main/core/features/session';
import { parseServerAddress } from '../../../src-main/core/platform/uc/server-address';
import { AccountDatabases, accountKey } from '../../../src-main/core/platform/db/account-databases';
import { LEGACY_DATABASE_FILE } from '../../../src-main/core/platform/db/legacy-database';
import { allMigrations, openAccountDatabase } from '../../../src-main/core/app/client-migrations';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { JournalStore } from '../../../src-main/core/features/calls/journal/journal-store';
import { MemorySecretStore } from '../../../src-main/core/platform/secrets/memory-secret-store';
import { DEVICE_PREFERENCES_FILE } from '../../../src-main/core/platform/preferences/json-file-preferences';
import type { SipEngineOptions } from '../../../src-main/core/features/calls/sip/sip-engine';
import { FakeUcServer } from '../../support/fake-uc-server';
import { FakeEngine, type FakeCall } from '../../support/fake-phone';
import { FakeMediaHost } from '../../support/fake-media-host';
import { ManualClock } from '../../support/manual-clock';

class PersistentTestSecretStore extends MemorySecretStore {
  override readonly persistent = true;
}

type Recorded = { channel: EventChannel; payload: unknown };

describe('AppCore: per-account data on a shared PC (issue 8)', () => {
  let dataDir: string;
  let clock: ManualClock;
  let uc: FakeUcServer;
  let secrets: PersistentTestSecretStore;
  let engines: FakeEngine[];
  let events: Recorded[];
  let core: AppCore;

  const makeCore = (extra: Partial<AppCoreOptions> = {}): AppCore => {
    const c = composeAppCore({
      dataDir,
      mediaHost: new FakeMediaHost(),
      headsetAdapters: [],
      clock,
      secretStore: secrets,
      requestTimeoutMs: 2000,
      createEngine: (o: SipEngineOptions) => {
        const e = new FakeEngine(o, clock, 'registered');
        engines.push(e);
        return e;
      },
      ...extra,
    });
    c.onEvent(({ channel, payload }) => events.push({ channel, payload }));
    return c;
  };
  const value = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const r = await dispatchInvoke(core, channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const login = (user: string, extra: object = {}) =>
    value('session.login', { server: uc.address, user, password: `Welcome${user}!`, ...extra });
  const engine = (): FakeEngine => engines[engines.length - 1]!;
  const eventsOf = <E extends EventChannel>(channel: E): EventPayloads[E][] =>
    events.filter((e) => e.channel === channel).map((e) => e.payload as EventPayloads[E]);
  const origin = (): string => {
    const parsed = parseServerAddress(uc.address);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.origin;
  };
  /** What user 101 leaves behind: a missed call, an outgoing one, a recent dial, per-user and device settings. */
  const brunoUsesThePhone = async (): Promise<void> => {
    await login('101');
    engine().incoming('100', 'Alice').end('cancelled');
    const { callId } = await value<{ callId: string }>('calls.dial', { target: '100' });
    (engine().getCall(callId) as FakeCall).end('remote-hangup');
    await value('settings.update', { popupVisibility: 'never', dialHotkey: 'F9', zoom: 1.2 });
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-shared-pc-'));
    clock = new ManualClock();
    secrets = new PersistentTestSecretStore();
    engines = [];
    events = [];
    uc = new FakeUcServer({
      accounts: [
        { number: '101', password: 'Welcome101!', displayName: 'Bruno Müller' },
        { number: '103', password: 'Welcome103!', displayName: 'David Moreau' },
      ],
    });
    await uc.start();
    core = makeCore();
  });

  afterEach(async () => {
    await core.dispose();
    await uc.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("David never sees Bruno's journal, recent dials, counters or per-user settings; Bruno gets them back", async () => {
    await brunoUsesThePhone();
    expect(await value('counters.get')).toEqual({ missedCalls: 1, unreadMessages: 0, newVoicemails: 0 });
    expect(await value('journal.list')).toHaveLength(2);

    events.length = 0;
    await value('session.logout');
    // logout: every per-user view is told to reload, and reads empty while nobody is logged in
    expect(eventsOf('journal.onDidChange').length).toBeGreaterThan(0);
    expect(eventsOf('counters.onDidChange').at(-1)).toEqual({ missedCalls: 0, unreadMessages: 0, newVoicemails: 0 });
    expect(eventsOf('settings.onDidChange').at(-1)).toMatchObject({ popupVisibility: 'always', dialHotkey: null });
    expect(eventsOf('directory.onDidChange').length).toBeGreaterThan(0);
    expect(eventsOf('sync.onDidChange').at(-1)).toEqual({ status: 'offline', pending: 0, revision: 0 });
    expect(await value('journal.list')).toEqual([]);
    expect(await value('dial.getRecent')).toEqual([]);
    expect(await value('counters.get')).toEqual({ missedCalls: 0, unreadMessages: 0, newVoicemails: 0 });
    expect(await value('directory.search', { query: 'ali' })).toEqual({ groups: [] });
    // device preferences stay for the login screen and the window
    expect(await value<Settings>('settings.get')).toMatchObject({ zoom: 1.2, servers: [uc.address] });

    await login('103');
    expect(await value('journal.list')).toEqual([]);
    expect(await value('dial.getRecent')).toEqual([]);
    expect(await value('counters.get')).toEqual({ missedCalls: 0, unreadMessages: 0, newVoicemails: 0 });
    expect(await value<Settings>('settings.get')).toMatchObject({
      popupVisibility: 'always',
      dialHotkey: null,
      zoom: 1.2,
    });
    await value('session.logout');

    events.length = 0;
    await login('101');
    // the cached conversations and counters of the account are announced at once, not at the next message
    expect(eventsOf('messages.onDidChange')).toContainEqual({ peers: [] });
    expect(eventsOf('counters.onDidChange').at(-1)).toEqual({ missedCalls: 1, unreadMessages: 0, newVoicemails: 0 });
    expect((await value<{ peer: string; result: string }[]>('journal.list')).map((e) => [e.peer, e.result])).toEqual([
      ['100', 'failed'],
      ['100', 'missed'],
    ]);
    expect(await value('dial.getRecent')).toEqual([{ number: '100', name: 'Alice' }]);
    expect(await value('counters.get')).toEqual({ missedCalls: 1, unreadMessages: 0, newVoicemails: 0 });
    expect(await value<Settings>('settings.get')).toMatchObject({ popupVisibility: 'never', dialHotkey: 'F9' });
  });

  it('the data survives a restart; each account has its own file and the device its own preferences file', async () => {
    await brunoUsesThePhone();
    await core.dispose();
    core = makeCore();
    await login('101');
    expect(await value('counters.get')).toMatchObject({ missedCalls: 1 });
    const files = new AccountDatabases({ dataDir, migrations: allMigrations });
    expect(existsSync(files.pathOf({ origin: origin(), user: '101' }))).toBe(true);
    expect(existsSync(files.pathOf({ origin: origin(), user: '103' }))).toBe(false);
    expect(JSON.parse(readFileSync(join(dataDir, DEVICE_PREFERENCES_FILE), 'utf8'))).toMatchObject({
      servers: [uc.address],
      zoom: 1.2,
    });
    expect(existsSync(join(dataDir, LEGACY_DATABASE_FILE))).toBe(false);
  });

  it('a per-user setting cannot be changed while logged out; device ones can (login screen)', async () => {
    expect(await dispatchInvoke(core, 'settings.update', { dateFormat: 'yyyy-mm-dd' })).toMatchObject({
      ok: false,
      error: { code: 'not-logged-in', details: ['dateFormat'] },
    });
    expect(await value('settings.update', { language: 'fr' })).toMatchObject({ language: 'fr' });
  });

  it('a failed login of another account closes the previous account first', async () => {
    await brunoUsesThePhone();
    const r = await dispatchInvoke(core, 'session.login', { server: uc.address, user: '103', password: 'wrong' });
    expect(r).toMatchObject({ ok: true, value: { status: 'auth-failed' } });
    expect(await value('journal.list')).toEqual([]);
    expect(await value('counters.get')).toMatchObject({ missedCalls: 0 });
  });

  describe('remembered credentials stay per device but never let B in as A', () => {
    it("a login as another account forgets the previous account's remembered login", async () => {
      await login('101', { remember: true });
      expect(await secrets.get(REMEMBERED_LOGIN_KEY)).toContain('"user":"101"');
      // an API caller that does not say whether to remember (the renderer always says)
      await login('103');
      expect(await secrets.get(REMEMBERED_LOGIN_KEY)).toBeUndefined();
      expect(await value<Settings>('settings.get')).toMatchObject({ autoLogin: false });
      await core.dispose();
      core = makeCore();
      expect(await core.autoLogin()).toBeUndefined();
    });

    it('"remember me" unticked by B forgets A; logout turns auto-login off for the next user', async () => {
      await login('101', { remember: true });
      await value('session.logout');
      expect(await value<Settings>('settings.get')).toMatchObject({ autoLogin: false });
      await login('101', { remember: true });
      await login('103', { remember: false });
      expect(await secrets.get(REMEMBERED_LOGIN_KEY)).toBeUndefined();
    });

    it("B asking to be remembered without a keychain does not leave A's login in place", async () => {
      await login('101', { remember: true });
      const failing = secrets;
      failing.set = async () => {
        throw new Error('no keychain');
      };
      await login('103', { remember: true });
      expect(await secrets.get(REMEMBERED_LOGIN_KEY)).toBeUndefined();
      expect(await value<Settings>('settings.get')).toMatchObject({ autoLogin: false });
    });

    it('auto-login logs in the remembered account itself and opens only its data', async () => {
      await brunoUsesThePhone();
      await value('session.logout');
      await login('101', { remember: true });
      await core.dispose();
      core = makeCore();
      expect(await core.autoLogin()).toMatchObject({ status: 'registered', user: '101' });
      expect(await value('counters.get')).toMatchObject({ missedCalls: 1 });
      expect(await secrets.get(REMEMBERED_LOGIN_KEY)).toContain('"user":"101"');
    });
  });

  describe('an install of the old single-database layout', () => {
    const writeLegacy = (owner: string, settings: Record<string, unknown>): void => {
      const db = openAccountDatabase(join(dataDir, LEGACY_DATABASE_FILE));
      db.prepare("INSERT INTO sync_state (key, value) VALUES ('account', ?)").run(JSON.stringify(owner));
      for (const [key, v] of Object.entries(settings)) {
        db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(v));
      }
      new JournalStore(db).record({
        callId: 'old-1',
        direction: 'incoming',
        peer: '104',
        startedAt: 1,
        endedAt: 2,
        result: 'missed',
        reason: 'cancelled',
      });
      db.close();
    };

    it('keeps its device settings at start and gives its history only to its owner', async () => {
      await core.dispose();
      // as installed by the old version: no device preferences yet, one switchboard.sqlite
      rmSync(join(dataDir, DEVICE_PREFERENCES_FILE), { force: true });
      writeLegacy(accountKey(origin(), '101'), {
        language: 'fr',
        servers: [uc.address],
        popupVisibility: 'never',
      });
      core = makeCore();
      // before any login: the login screen looks as before the update, and shows nobody's data
      expect(await value<Settings>('settings.get')).toMatchObject({
        language: 'fr',
        servers: [uc.address],
        popupVisibility: 'always',
      });
      expect(await value('journal.list')).toEqual([]);
      await login('103');
      expect(await value('journal.list')).toEqual([]);
      await value('session.logout');
      await login('101');
      expect(await value<{ peer: string }[]>('journal.list')).toEqual([expect.objectContaining({ peer: '104' })]);
      expect(await value<Settings>('settings.get')).toMatchObject({ popupVisibility: 'never', language: 'fr' });
      expect(existsSync(join(dataDir, LEGACY_DATABASE_FILE))).toBe(false);
    });
  });
});
