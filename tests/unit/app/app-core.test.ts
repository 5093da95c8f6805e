import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type EventChannel,
  type EventPayloads,
  type JournalEntry,
  type SessionState,
} from '../../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore, type AppCoreOptions } from '../../../src-main/core/app/compose-app-core';
import { REMEMBERED_LOGIN_KEY } from '../../../src-main/core/features/session';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { MemorySecretStore } from '../../../src-main/core/platform/secrets/memory-secret-store';
import type { RegistrationState, SipEngineOptions } from '../../../src-main/core/features/calls/sip/sip-engine';
import { FakeUcServer } from '../uc/fake-uc-server';
import { FakeEngine, type FakeCall } from '../../support/fake-phone';
import { FakeMediaHost } from '../../support/fake-media-host';
import { ManualClock } from '../../support/manual-clock';

type Recorded = { channel: EventChannel; payload: unknown };

/** Stands in for the Electron keychain store: a memory store that claims to persist. */
class PersistentTestSecretStore extends MemorySecretStore {
  override readonly persistent = true;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('AppCore', () => {
  let clock: ManualClock;
  let media: FakeMediaHost;
  let engines: FakeEngine[];
  let outcome: RegistrationState['status'] | undefined;
  let core: AppCore;
  let events: Recorded[];
  let uc: FakeUcServer;
  let secrets: PersistentTestSecretStore;
  let startupChanges: boolean[];

  const invoke = (channel: string, payload: unknown = {}) => dispatchInvoke(core, channel, payload);
  const eventsOf = <E extends EventChannel>(channel: E): EventPayloads[E][] =>
    events.filter((e) => e.channel === channel).map((e) => e.payload as EventPayloads[E]);
  const engine = (): FakeEngine => engines[engines.length - 1]!;
  const login = (user = '101', password = 'Welcome101!', extra: object = {}) =>
    invoke('session.login', { server: uc.address, user, password, ...extra });
  const state = async (): Promise<SessionState> => {
    const r = await invoke('session.getState');
    if (!r.ok) throw new Error(r.error.message);
    return r.value as SessionState;
  };
  const makeCore = (extra: Partial<AppCoreOptions> = {}): AppCore => {
    const c = composeAppCore({
      dataDir: ':memory:',
      mediaHost: media,
      headsetAdapters: [],
      clock,
      endedCallLingerMs: 3000,
      secretStore: secrets,
      requestTimeoutMs: 2000,
      backoff: { baseMs: 100, capMs: 400, minMs: 100 },
      onLaunchAtStartupChange: (enabled) => startupChanges.push(enabled),
      createEngine: (o: SipEngineOptions) => {
        const e = new FakeEngine(o, clock, outcome);
        engines.push(e);
        return e;
      },
      ...extra,
    });
    c.onEvent(({ channel, payload }) => events.push({ channel, payload }));
    return c;
  };

  beforeEach(async () => {
    clock = new ManualClock();
    media = new FakeMediaHost();
    engines = [];
    outcome = 'registered';
    events = [];
    secrets = new PersistentTestSecretStore();
    startupChanges = [];
    uc = new FakeUcServer({
      accounts: [
        { number: '101', password: 'Welcome101!', displayName: 'Bob Dupont' },
        { number: '102', password: 'Welcome102!', displayName: 'Chloé Müller', mustChangePassword: true },
      ],
    });
    await uc.start();
    core = makeCore();
  });

  afterEach(async () => {
    await core.dispose();
    await uc.stop();
  });

  describe('session', () => {
    it('starts logged out', async () => {
      expect(await invoke('session.getState')).toEqual({ ok: true, value: { status: 'logged-out' } });
    });

    it('logs in through the UC server, then starts SIP with the provisioning and the same password', async () => {
      const r = await login();
      expect(r).toEqual({
        ok: true,
        value: {
          status: 'registered',
          user: '101',
          server: uc.address,
          displayName: 'Bob Dupont',
          ucConnection: 'online',
        },
      });
      expect(uc.requests[0]).toBe('POST /auth/login');
      expect(engine().options).toMatchObject({
        wsUrl: 'ws://127.0.0.1:9/sip',
        domain: '127.0.0.1',
        user: '101',
        password: 'Welcome101!',
        displayName: 'Bob Dupont',
        mediaHost: media,
        iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
      });
      // connecting (UC login), connecting (SIP, now with the account's name), registered
      expect(eventsOf('session.onDidChangeState').map((s) => s.status)).toEqual([
        'connecting',
        'connecting',
        'registered',
      ]);
      expect((await invoke('settings.get')).ok && eventsOf('settings.onDidChange').at(-1)?.servers).toEqual([
        uc.address,
      ]);
      await until('events socket', () => uc.eventsClients === 1);
    });

    it('wrong password: auth-failed with invalid-credentials, no SIP engine', async () => {
      const r = await login('101', 'wrong');
      expect(r).toEqual({
        ok: true,
        value: { status: 'auth-failed', user: '101', server: uc.address, loginError: 'invalid-credentials' },
      });
      expect(engines).toHaveLength(0);
    });

    it('too many attempts: auth-failed with too-many-attempts and retryAfterS', async () => {
      uc.maxFailures = 1;
      await login('101', 'wrong');
      const r = await login();
      expect(r).toMatchObject({
        ok: true,
        value: { status: 'auth-failed', loginError: 'too-many-attempts', retryAfterS: 30 },
      });
      expect(engines).toHaveLength(0);
    });

    it('shows the failed attempts since the last login', async () => {
      await login('101', 'wrong');
      await login('101', 'wrong');
      const r = await login();
      expect(r.ok && (r.value as SessionState).failedAttempts).toEqual({ count: 2, lastAt: expect.any(Number) });
    });

    it('server unreachable: says so and does not retry by itself', async () => {
      await uc.stop();
      const r = await login();
      expect(r).toEqual({
        ok: true,
        value: { status: 'unreachable', user: '101', server: uc.address, loginError: 'server-unreachable' },
      });
      expect(engines).toHaveLength(0);
      const requests = uc.requests.length;
      clock.advance(120_000);
      await flush();
      expect(uc.requests.length).toBe(requests);
      expect(clock.pending).toBe(0);
    });

    it('a malformed server reply is reported as bad-server-reply', async () => {
      uc.overrides.set('POST /auth/login', { status: 200, body: '{"hello":"world"}' });
      expect(await login()).toMatchObject({
        ok: true,
        value: { status: 'unreachable', loginError: 'bad-server-reply' },
      });
    });

    it('rejects an invalid server with invalid-server and contacts nobody', async () => {
      for (const server of ['ftp://x', 'ws://x', 'a b']) {
        const r = await invoke('session.login', { server, user: '101', password: 'x' });
        expect(r.ok === false && r.error.code).toBe('invalid-server');
      }
      expect(uc.requests).toEqual([]);
      expect(eventsOf('session.onDidChangeState')).toEqual([]);
    });

    it('rejects a user with characters SIP cannot carry', async () => {
      const r = await invoke('session.login', { server: uc.address, user: 'a b', password: 'x' });
      expect(r.ok === false && r.error.code).toBe('invalid-payload');
      expect(uc.requests).toEqual([]);
    });

    it('SIP refusing the password is auth-failed with sip-auth-failed', async () => {
      outcome = 'auth-failed';
      expect(await login()).toMatchObject({
        ok: true,
        value: { status: 'auth-failed', loginError: 'sip-auth-failed' },
      });
    });

    it('first login forces a password change; the policy is explained; then SIP starts with the new password', async () => {
      const r = await login('102', 'Welcome102!');
      expect(r).toMatchObject({
        ok: true,
        value: { status: 'password-change-required', user: '102', displayName: 'Chloé Müller' },
      });
      expect(engines).toHaveLength(0);
      const weak = await invoke('session.changePassword', { currentPassword: 'Welcome102!', newPassword: 'short' });
      expect(weak).toEqual({
        ok: false,
        error: { code: 'weak-password', message: expect.any(String), details: ['length', 'upper', 'digit', 'special'] },
      });
      const wrong = await invoke('session.changePassword', { currentPassword: 'nope', newPassword: 'N3w-Passw0rd' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-current-password' } });
      const ok = await invoke('session.changePassword', {
        currentPassword: 'Welcome102!',
        newPassword: 'N3w-Passw0rd',
      });
      expect(ok).toMatchObject({ ok: true, value: { status: 'registered', user: '102' } });
      expect(engine().options).toMatchObject({ user: '102', password: 'N3w-Passw0rd' });
    });

    it('changing the password later (Settings) re-registers SIP with it and updates the remembered login', async () => {
      await login('101', 'Welcome101!', { remember: true });
      const r = await invoke('session.changePassword', { currentPassword: 'Welcome101!', newPassword: 'Chang3d-Pw!' });
      expect(r).toMatchObject({ ok: true, value: { status: 'registered', user: '101' } });
      expect(engines).toHaveLength(2);
      expect(engines[0]!.stopped).toBe(true);
      expect(engine().options.password).toBe('Chang3d-Pw!');
      expect(JSON.parse((await secrets.get(REMEMBERED_LOGIN_KEY))!).password).toBe('Chang3d-Pw!');
    });

    it('a weak password refused by the server carries its rules', async () => {
      await login('102', 'Welcome102!');
      // The client-side check passes; the server applies an extra rule.
      uc.overrides.set('POST /auth/password', {
        status: 400,
        body: JSON.stringify({ error: 'weak-password', message: 'too common', rules: ['common'] }),
      });
      const r = await invoke('session.changePassword', { currentPassword: 'Welcome102!', newPassword: 'Passw0rd!' });
      expect(r).toMatchObject({ ok: false, error: { code: 'weak-password', details: ['common'] } });
    });

    it('the new password must differ from the current one: refused before the server, and the server code is mapped', async () => {
      await login('102', 'Welcome102!');
      const same = await invoke('session.changePassword', {
        currentPassword: 'Welcome102!',
        newPassword: 'Welcome102!',
      });
      expect(same).toMatchObject({ ok: false, error: { code: 'same-password' } });
      expect(engines).toHaveLength(0);
      // a server that compares otherwise (e.g. its hash of the current password) says so with its own code
      uc.overrides.set('POST /auth/password', {
        status: 400,
        body: JSON.stringify({ error: 'same-password', message: 'must differ' }),
      });
      const r = await invoke('session.changePassword', { currentPassword: 'Welcome102!', newPassword: 'Passw0rd!' });
      expect(r).toMatchObject({ ok: false, error: { code: 'same-password' } });
    });

    it('change password needs a login', async () => {
      const r = await invoke('session.changePassword', { currentPassword: 'a', newPassword: 'N3w-Passw0rd' });
      expect(r.ok === false && r.error.code).toBe('not-logged-in');
    });

    it('never waits longer than the login timeout for SIP', async () => {
      outcome = undefined;
      const pending = login();
      await until('engine', () => engines.length === 1);
      await flush();
      clock.advance(9_999);
      await flush();
      let settled = false;
      void pending.then(() => (settled = true));
      await flush();
      expect(settled).toBe(false);
      clock.advance(1);
      const r = await pending;
      expect(r).toMatchObject({ ok: true, value: { status: 'connecting', user: '101', server: uc.address } });
      // The engine keeps trying; a later outcome still reaches the UI.
      engine().setRegistration({ status: 'registered' });
      expect(await invoke('session.getState')).toMatchObject({ ok: true, value: { status: 'registered' } });
    });

    it('passes nextRetryAt through while SIP is unreachable', async () => {
      await login();
      engine().setRegistration({ status: 'unreachable', nextRetryAt: 12345 });
      expect(eventsOf('session.onDidChangeState').at(-1)).toMatchObject({
        status: 'unreachable',
        user: '101',
        nextRetryAt: 12345,
      });
    });

    it('logout revokes the refresh token and stops SIP; a second login replaces the first', async () => {
      await login();
      const first = engine();
      await login();
      expect(first.stopped).toBe(true);
      expect(engines).toHaveLength(2);
      first.setRegistration({ status: 'unreachable' });
      expect((await state()).status).toBe('registered');
      const r = await invoke('session.logout');
      expect(r).toEqual({ ok: true, value: { status: 'logged-out' } });
      expect(engine().stopped).toBe(true);
      await until(
        'both refresh tokens revoked',
        () => uc.requests.filter((q) => q === 'POST /auth/logout').length === 2,
      );
      await until('events socket closed', () => uc.eventsClients === 0);
    });

    it('logout does not wait for a server that does not answer', async () => {
      await login();
      uc.delayMs = 3000;
      const started = Date.now();
      expect(await invoke('session.logout')).toEqual({ ok: true, value: { status: 'logged-out' } });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('the UC connection goes offline when the server stops and comes back by itself', async () => {
      await login();
      await until('events socket', () => uc.eventsClients === 1);
      await uc.stop();
      await until('offline', async () => (await state()).ucConnection === 'offline');
      expect((await state()).status).toBe('registered'); // SIP is separate (A4: the menu stays usable)
      expect(await invoke('sync.getState')).toMatchObject({ ok: true, value: { status: 'offline' } });
      await uc.restart();
      await until('online again', async () => {
        clock.advance(500);
        return (await state()).ucConnection === 'online';
      });
      expect(eventsOf('session.onDidChangeState').map((s) => s.ucConnection)).toContain('offline');
    });

    it('remember keeps the login in the secret store; autoLogin() uses it; logout forgets it', async () => {
      await login('101', 'Welcome101!', { remember: true });
      expect(JSON.parse((await secrets.get(REMEMBERED_LOGIN_KEY))!)).toEqual({
        server: uc.address,
        user: '101',
        password: 'Welcome101!',
      });
      expect((await invoke('settings.get')).ok && eventsOf('settings.onDidChange').at(-1)?.autoLogin).toBe(true);
      // "restart": the same data would come from disk; here the same secret store and a settings flag.
      const second = makeCore();
      await dispatchInvoke(second, 'settings.update', { autoLogin: true });
      const auto = await second.autoLogin();
      expect(auto).toMatchObject({ status: 'registered', user: '101' });
      await second.dispose();
      await invoke('session.logout');
      expect(await secrets.get(REMEMBERED_LOGIN_KEY)).toBeUndefined();
      expect(await core.autoLogin()).toBeUndefined();
    });

    it('a store that cannot persist (web shell) keeps nothing and leaves auto-login off', async () => {
      const web = makeCore({ secretStore: new MemorySecretStore() });
      const r = await dispatchInvoke(web, 'session.login', {
        server: uc.address,
        user: '101',
        password: 'Welcome101!',
        remember: true,
      });
      expect(r).toMatchObject({ ok: true, value: { status: 'registered' } });
      expect(await dispatchInvoke(web, 'settings.get', {})).toMatchObject({ ok: true, value: { autoLogin: false } });
      await web.dispose();
    });

    it('autoLogin() does nothing when the setting is off', async () => {
      await secrets.set(
        REMEMBERED_LOGIN_KEY,
        JSON.stringify({ server: uc.address, user: '101', password: 'Welcome101!' }),
      );
      expect(await core.autoLogin()).toBeUndefined();
      expect(uc.requests).toEqual([]);
    });
  });

  describe('directory and contacts', () => {
    it('contacts need a login', async () => {
      const r = await invoke('contacts.create', { fields: { lastName: 'X' } });
      expect(r.ok === false && r.error.code).toBe('not-logged-in');
      expect(await invoke('sync.getState')).toEqual({
        ok: true,
        value: { status: 'offline', pending: 0, revision: 0 },
      });
    });

    it('creates, finds, updates and deletes a personal contact through the cache and the outbox', async () => {
      await login();
      const created = await invoke('contacts.create', {
        fields: { firstName: 'Jean', lastName: 'Dupont', mobile: '0612' },
      });
      expect(created).toMatchObject({ ok: true, value: { source: 'personal', displayName: 'Jean Dupont' } });
      const id = created.ok ? (created.value as { id: string }).id : '';
      expect(id).toMatch(/^personal:/);
      await until('on the server', () => uc.contacts.has(id));
      const found = await invoke('directory.search', { query: 'dup' });
      expect(found).toMatchObject({ ok: true, value: { groups: [{ source: 'personal', entries: [{ id }] }] } });
      expect(eventsOf('directory.onDidChange').length).toBeGreaterThan(0);
      const updated = await invoke('contacts.update', { id, fields: { company: 'ACME' } });
      expect(updated).toMatchObject({ ok: true, value: { company: 'ACME' } });
      await until('patched on the server', () => uc.contacts.get(id)?.company === 'ACME');
      expect((await invoke('contacts.delete', { id })).ok).toBe(true);
      await until('deleted on the server', () => !uc.contacts.has(id));
      expect(await invoke('directory.get', { id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      await until('idle', async () => {
        const s = await invoke('sync.getState');
        return s.ok && (s.value as { pending: number }).pending === 0;
      });
      expect(eventsOf('sync.onDidChange').length).toBeGreaterThan(0);
    });

    it('bad contact input is refused with a clear error and stores nothing', async () => {
      await login();
      const r = await invoke('contacts.create', { fields: { lastName: 'X', mobile: 'abc' } });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-number', details: ['mobile'] } });
      expect(await invoke('contacts.update', { id: 'personal:nope', fields: {} })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
    });

    it('a change from elsewhere reaches the cache through the live events', async () => {
      await login();
      await until('events socket', () => uc.eventsClients === 1);
      uc.serverUpsert({
        id: 'internal:103',
        source: 'internal',
        displayName: 'Jürgen Müller',
        numbers: [{ kind: 'internal', number: '103' }],
        updatedAt: 1,
      });
      await until('in the cache', async () => (await invoke('directory.get', { id: 'internal:103' })).ok);
      expect(await invoke('directory.search', { query: 'muller' })).toMatchObject({
        ok: true,
        value: { groups: [{ source: 'internal', entries: [{ id: 'internal:103' }] }] },
      });
    });

    it('imports through the server (online only) and returns its report', async () => {
      await login();
      const r = await invoke('contacts.import', { format: 'csv', encoding: 'utf-8', contentBase64: 'YQ==' });
      expect(r).toEqual({ ok: true, value: { imported: 1, updated: 0, skipped: [{ row: 3, reason: 'no name' }] } });
      uc.overrides.set('POST /contacts/import', {
        status: 400,
        body: JSON.stringify({ error: 'import-failed', message: 'row 2: bad number', rules: ['row 2: bad number'] }),
      });
      const bad = await invoke('contacts.import', { format: 'csv', encoding: 'utf-8', contentBase64: 'YQ==' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'import-failed', details: ['row 2: bad number'] } });
      await uc.stop();
      const off = await invoke('contacts.import', { format: 'csv', encoding: 'utf-8', contentBase64: 'YQ==' });
      expect(off).toMatchObject({ ok: false, error: { code: 'server-unreachable' } });
    });
  });

  describe('calls', () => {
    it('refuses to dial when not logged in', async () => {
      const r = await invoke('calls.dial', { target: '102' });
      expect(r.ok === false && r.error.code).toBe('not-registered');
    });

    it('refuses to dial while unreachable', async () => {
      await login();
      engine().setRegistration({ status: 'unreachable' });
      const r = await invoke('calls.dial', { target: '102' });
      expect(r.ok === false && r.error.code).toBe('not-registered');
      expect(engine().dialed).toEqual([]);
    });

    it.each(['abc', '', '1', '++33', '12\n3'])(
      'refuses malformed %j with invalid-number and sends nothing',
      async (t) => {
        await login();
        const r = await invoke('calls.dial', { target: t });
        expect(r.ok === false && r.error.code).toBe('invalid-number');
        expect(engine().dialed).toEqual([]);
        expect(await invoke('dial.getRecent')).toEqual({ ok: true, value: [] });
      },
    );

    it('says why a target is refused (the same reason the Search/Dial field shows before dialing)', async () => {
      await login();
      const tooLong = await invoke('calls.dial', { target: '1'.repeat(40) });
      expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-number', details: ['too-long'] } });
      const letters = await invoke('calls.dial', { target: 'mul' });
      expect(letters).toMatchObject({ ok: false, error: { code: 'invalid-number', details: ['invalid-characters'] } });
    });

    it('dials the normalised target, remembers it, publishes the call list, journals the end', async () => {
      await login();
      events.length = 0; // the login's own "the account's views changed" events
      const r = await invoke('calls.dial', { target: ' 10 2 ' });
      expect(r.ok).toBe(true);
      const callId = r.ok ? (r.value as { callId: string }).callId : '';
      expect(engine().dialed).toEqual(['102']);
      expect(await invoke('dial.getRecent')).toEqual({ ok: true, value: [{ number: '102' }] });
      expect(eventsOf('calls.onDidChange').at(-1)).toEqual([
        expect.objectContaining({ id: callId, direction: 'outgoing', peer: '102', state: 'dialing' }),
      ]);
      const call = engine().getCall(callId) as FakeCall;
      clock.advance(1000);
      call.remoteRinging();
      clock.advance(2000);
      call.remoteAnswer();
      expect(eventsOf('calls.onDidChange').at(-1)?.[0]?.state).toBe('established');
      expect((await invoke('calls.setHold', { callId, hold: true })).ok).toBe(true);
      expect(call.held).toBe(true);
      expect((await invoke('calls.setHold', { callId, hold: false })).ok).toBe(true);
      expect((await invoke('calls.setMuted', { callId, muted: true })).ok).toBe(true);
      expect(call.muted).toBe(true);
      expect((await invoke('calls.sendDtmf', { callId, tones: '12#' })).ok).toBe(true);
      expect(call.dtmf).toEqual(['12#']);
      clock.advance(5000);
      expect((await invoke('calls.hangup', { callId })).ok).toBe(true);
      const journal = await invoke('journal.list', {});
      expect(journal).toEqual({
        ok: true,
        value: [
          expect.objectContaining({
            callId,
            direction: 'outgoing',
            peer: '102',
            result: 'answered',
            reason: 'local-hangup',
            startedAt: call.startedAt,
            answeredAt: call.startedAt + 3000,
            endedAt: call.startedAt + 8000,
          }),
        ],
      });
      expect(eventsOf('journal.onDidChange')).toEqual([{}]);
    });

    it('shows the name of whom we call: the one picked in the directory, else the directory cache (issue #8)', async () => {
      await login();
      await until('events socket', () => uc.eventsClients === 1);
      uc.serverUpsert({
        id: 'internal:103',
        source: 'internal',
        displayName: 'Jürgen Müller',
        numbers: [{ kind: 'internal', number: '103' }],
        updatedAt: 1,
      });
      await until('in the cache', async () => (await invoke('directory.get', { id: 'internal:103' })).ok);

      // typed as a number: the directory says whose it is
      const typed = await invoke('calls.dial', { target: '103' });
      const typedId = typed.ok ? (typed.value as { callId: string }).callId : '';
      expect(eventsOf('calls.onDidChange').at(-1)).toEqual([
        expect.objectContaining({ id: typedId, peer: '103', peerName: 'Jürgen Müller' }),
      ]);
      await invoke('calls.hangup', { callId: typedId });
      // picked in a personal contact: that name
      const picked = await invoke('calls.dial', { target: '0612345678', name: 'Zoé Martin' });
      const pickedId = picked.ok ? (picked.value as { callId: string }).callId : '';
      expect((engine().getCall(pickedId) as FakeCall).toView().peerName).toBe('Zoé Martin');
      await invoke('calls.hangup', { callId: pickedId });
      // unknown: the number alone
      const unknown = await invoke('calls.dial', { target: '199' });
      const unknownId = unknown.ok ? (unknown.value as { callId: string }).callId : '';
      expect((engine().getCall(unknownId) as FakeCall).toView().peerName).toBeUndefined();
      await invoke('calls.hangup', { callId: unknownId });

      const journal = await invoke('journal.list', {});
      expect(journal.ok && (journal.value as JournalEntry[]).map((e) => [e.peer, e.peerName])).toEqual([
        ['199', undefined],
        ['0612345678', 'Zoé Martin'],
        ['103', 'Jürgen Müller'],
      ]);
      expect(await invoke('dial.getRecent')).toEqual({
        ok: true,
        value: [
          { number: '199' },
          // not in the directory: the name it was dialed with, from the journal
          { number: '0612345678', name: 'Zoé Martin' },
          { number: '103', name: 'Jürgen Müller' },
        ],
      });
      // typed again later, that number gets its name back
      const again = await invoke('calls.dial', { target: '06 12 34 56 78' });
      const againId = again.ok ? (again.value as { callId: string }).callId : '';
      expect((engine().getCall(againId) as FakeCall).toView().peerName).toBe('Zoé Martin');
    });

    it('journals a call the voicemail service answered as voicemail, one we gave up as cancelled', async () => {
      await login();
      const toMailbox = await invoke('calls.dial', { target: '102' });
      const mailboxCall = engine().getCall(toMailbox.ok ? (toMailbox.value as { callId: string }).callId : '')!;
      (mailboxCall as FakeCall).remoteAnswer(true);
      expect(eventsOf('calls.onDidChange').at(-1)?.[0]).toMatchObject({ answeredByVoicemail: true });
      await invoke('calls.hangup', { callId: mailboxCall.id });
      const givenUp = await invoke('calls.dial', { target: '103' });
      await invoke('calls.hangup', { callId: givenUp.ok ? (givenUp.value as { callId: string }).callId : '' });
      const journal = await invoke('journal.list', {});
      expect(journal.ok && (journal.value as JournalEntry[]).map((e) => [e.peer, e.result, e.reason])).toEqual([
        ['103', 'failed', 'cancelled'],
        ['102', 'answered', 'voicemail'],
      ]);
    });

    it('keeps an ended call in the list for the linger time, then drops it', async () => {
      await login();
      const r = await invoke('calls.dial', { target: '199' });
      const callId = r.ok ? (r.value as { callId: string }).callId : '';
      (engine().getCall(callId) as FakeCall).end('not-found');
      const list = await invoke('calls.list');
      expect(list.ok && list.value).toEqual([
        expect.objectContaining({ id: callId, state: 'terminated', endReason: 'not-found' }),
      ]);
      clock.advance(2999);
      expect(await invoke('calls.list')).toMatchObject({ ok: true, value: [{ id: callId }] });
      clock.advance(1);
      expect(await invoke('calls.list')).toEqual({ ok: true, value: [] });
      expect(eventsOf('calls.onDidChange').at(-1)).toEqual([]);
      const j = await invoke('journal.list', { limit: 5 });
      expect(j.ok && j.value).toEqual([expect.objectContaining({ result: 'failed', reason: 'not-found' })]);
      // A lingering call cannot be acted on any more.
      expect((await invoke('calls.hangup', { callId })).ok).toBe(false);
    });

    it('rings for an incoming call and journals a rejection', async () => {
      await login();
      const call = engine().incoming('100', 'Alice Martin');
      expect(media.requests).toContainEqual({ method: 'setRinging', params: { ringing: true } });
      expect(eventsOf('calls.onDidChange').at(-1)).toEqual([
        expect.objectContaining({
          id: call.id,
          direction: 'incoming',
          peer: '100',
          peerName: 'Alice Martin',
          state: 'ringing-in',
        }),
      ]);
      expect((await invoke('calls.reject', { callId: call.id })).ok).toBe(true);
      expect(media.requests.at(-1)).toEqual({ method: 'setRinging', params: { ringing: false } });
      const j = await invoke('journal.list', {});
      expect(j.ok && j.value).toEqual([
        expect.objectContaining({ direction: 'incoming', peer: '100', peerName: 'Alice Martin', result: 'rejected' }),
      ]);
    });

    it('journals a missed call when the caller gives up', async () => {
      await login();
      const call = engine().incoming('103');
      call.end('cancelled');
      const j = await invoke('journal.list', {});
      expect(j.ok && j.value).toEqual([expect.objectContaining({ result: 'missed', reason: 'cancelled' })]);
    });

    it('answers an incoming call', async () => {
      await login();
      const call = engine().incoming('100');
      expect((await invoke('calls.answer', { callId: call.id })).ok).toBe(true);
      expect(call.state).toBe('established');
      expect(media.requests.at(-1)).toEqual({ method: 'setRinging', params: { ringing: false } });
    });

    it('maps unknown ids to unknown-call and wrong states to invalid-state', async () => {
      await login();
      expect(await invoke('calls.hangup', { callId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'unknown-call' },
      });
      const call = engine().incoming('100');
      expect(await invoke('calls.sendDtmf', { callId: call.id, tones: '1' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-state' },
      });
      expect(call.state).toBe('ringing-in');
    });

    it('deflects a ringing call to a number (302 target in the SIP domain), journaled as deflected, not missed', async () => {
      await login();
      const call = engine().incoming('100');
      expect(await invoke('calls.transfer', { callId: call.id, target: '++12' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-number' },
      });
      expect(call.state).toBe('ringing-in');
      expect((await invoke('calls.transfer', { callId: call.id, target: '102' })).ok).toBe(true);
      expect(call.sentTo).toEqual({ how: 'deflect', uri: 'sip:102@127.0.0.1' });
      const j = await invoke('journal.list', {});
      expect(j.ok && j.value).toEqual([expect.objectContaining({ result: 'rejected', reason: 'deflected' })]);
      const counters = await invoke('counters.get', {});
      expect(counters.ok && counters.value).toMatchObject({ missedCalls: 0 });
    });

    it('blind-transfers an answered call (REFER target) and deflects to the own mailbox vm<extension>', async () => {
      await login();
      const answered = engine().incoming('100');
      await invoke('calls.answer', { callId: answered.id });
      expect((await invoke('calls.transfer', { callId: answered.id, target: 'sip:103@127.0.0.1' })).ok).toBe(true);
      expect(answered.sentTo).toEqual({ how: 'transfer', uri: 'sip:103@127.0.0.1' });

      const ringing = engine().incoming('100');
      expect((await invoke('calls.deflectToVoicemail', { callId: ringing.id })).ok).toBe(true);
      expect(ringing.sentTo).toEqual({ how: 'deflect', uri: 'sip:vm101@127.0.0.1' });
      // only a ringing call goes to voicemail
      const other = engine().incoming('100');
      await invoke('calls.answer', { callId: other.id });
      expect(await invoke('calls.deflectToVoicemail', { callId: other.id })).toMatchObject({
        ok: false,
        error: { code: 'invalid-state' },
      });
    });

    it('attended transfer connects the parties of two answered calls; both end as transferred', async () => {
      await login();
      const first = engine().incoming('100');
      await invoke('calls.answer', { callId: first.id });
      await invoke('calls.setHold', { callId: first.id, hold: true });
      const dialed = await invoke('calls.dial', { target: '102' });
      const consult = engine().getCall((dialed.ok && (dialed.value as { callId: string }).callId) || '') as FakeCall;
      expect(await invoke('calls.transferToCall', { callId: first.id, targetCallId: consult.id })).toMatchObject({
        ok: false,
        error: { code: 'invalid-state' },
      });
      consult.remoteAnswer();
      expect(await invoke('calls.transferToCall', { callId: first.id, targetCallId: first.id })).toMatchObject({
        ok: false,
        error: { code: 'unknown-call' },
      });
      expect((await invoke('calls.transferToCall', { callId: first.id, targetCallId: consult.id })).ok).toBe(true);
      expect(first.sentTo).toEqual({ how: 'connect', callId: consult.id });
      expect([first.endReason, consult.endReason]).toEqual(['transferred', 'transferred']);
    });

    it('the popup Transfer button asks the main window to show and open the transfer dialog', async () => {
      const shown: string[] = [];
      core.setWindowController((command) => shown.push(command));
      await login();
      const call = engine().incoming('100');
      expect((await invoke('calls.openTransfer', { callId: call.id })).ok).toBe(true);
      expect(shown).toEqual(['show']);
      expect(eventsOf('calls.onDidRequestTransfer')).toEqual([{ callId: call.id }]);
      expect(await invoke('calls.openTransfer', { callId: 'gone' })).toMatchObject({
        ok: false,
        error: { code: 'unknown-call' },
      });
    });

    it('journals calls still running at logout', async () => {
      await login();
      const r = await invoke('calls.dial', { target: '102' });
      expect(r.ok).toBe(true);
      await invoke('session.logout');
      // logged out: the account's journal is closed, nothing shows…
      expect(await invoke('journal.list', {})).toEqual({ ok: true, value: [] });
      // …and the call is in it when the user is back
      await login();
      const j = await invoke('journal.list', {});
      expect(j.ok && j.value).toEqual([
        expect.objectContaining({ peer: '102', result: 'failed', reason: 'cancelled' }),
      ]);
    });
  });

  describe('settings', () => {
    it('reads defaults, updates and emits', async () => {
      const defaults = DEFAULT_SETTINGS;
      expect(await invoke('settings.get')).toEqual({ ok: true, value: defaults });
      expect(await invoke('settings.update', { language: 'fr' })).toEqual({
        ok: true,
        value: { ...defaults, language: 'fr' },
      });
      expect(eventsOf('settings.onDidChange')).toEqual([{ ...defaults, language: 'fr' }]);
      expect(await invoke('settings.update', { language: 'de' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
      expect(await invoke('settings.get')).toEqual({ ok: true, value: { ...defaults, language: 'fr' } });
    });

    it('launch at startup is applied by the shell; servers are checked', async () => {
      await invoke('settings.update', { launchAtStartup: true });
      await invoke('settings.update', { launchAtStartup: true });
      await invoke('settings.update', { launchAtStartup: false });
      expect(startupChanges).toEqual([true, false]);
      expect(await invoke('settings.update', { servers: ['uc.example.com', 'ftp://x'] })).toMatchObject({
        ok: false,
        error: { code: 'invalid-server' },
      });
      expect(await invoke('settings.update', { servers: ['a', 'b', 'c', 'd', 'e'] })).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
    });

    it('logins keep the 4 most recent servers, most recent first', async () => {
      for (const server of ['a.test', 'b.test', 'c.test', 'd.test', 'b.test', 'e.test']) {
        uc.overrides.clear();
        await invoke('session.login', { server, user: '101', password: 'x' }); // unreachable: not added
      }
      expect((await invoke('settings.get')).ok && eventsOf('settings.onDidChange')).toEqual([]);
      await login();
      await invoke('settings.update', { servers: ['a.test', 'b.test', 'c.test'] });
      await login();
      expect(await invoke('settings.get')).toMatchObject({
        ok: true,
        value: { servers: [uc.address, 'a.test', 'b.test', 'c.test'] },
      });
    });
  });

  it('refuses work after dispose', async () => {
    await core.dispose();
    expect(await invoke('session.getState')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
