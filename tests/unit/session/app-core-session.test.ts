/**
 * AppCore through dispatchInvoke with a fake SIP engine and a fake UC server:
 * the session: login, password change, logout, remembered login, UC connection (SPEC A).
 * (Split by domain from the former tests/unit/app/app-core.test.ts; the harness is tests/support/app-core-harness.ts.)
 */
import { describe, expect, it } from 'vitest';
import { type SessionState } from '../../../src-preload/contract/ipc-contract';
import { REMEMBERED_LOGIN_KEY } from '../../../src-main/core/features/session';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { MemorySecretStore } from '../../../src-main/core/platform/secrets/memory-secret-store';
import { flush, until, useAppCoreFixture } from '../../support/app-core-harness';

describe('AppCore', () => {
  const fx = useAppCoreFixture();
  const { invoke, eventsOf, engine, login, makeCore } = fx;
  const state = async (): Promise<SessionState> => {
    const r = await invoke('session.getState');
    if (!r.ok) throw new Error(r.error.message);
    return r.value as SessionState;
  };

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
          server: fx.uc.address,
          displayName: 'Bob Dupont',
          ucConnection: 'online',
        },
      });
      expect(fx.uc.requests[0]).toBe('POST /auth/login');
      expect(engine().options).toMatchObject({
        wsUrl: 'ws://127.0.0.1:9/sip',
        domain: '127.0.0.1',
        user: '101',
        // SIP registers with the provisioned secret, never the account password (issue #10)
        password: fx.uc.sipSecretOf('101'),
        displayName: 'Bob Dupont',
        mediaHost: fx.media,
        iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
      });
      // connecting (UC login), connecting (SIP, now with the account's name), registered
      expect(eventsOf('session.onDidChangeState').map((s) => s.status)).toEqual([
        'connecting',
        'connecting',
        'registered',
      ]);
      expect((await invoke('settings.get')).ok && eventsOf('settings.onDidChange').at(-1)?.servers).toEqual([
        fx.uc.address,
      ]);
      await until('events socket', () => fx.uc.eventsClients === 1);
    });

    it('wrong password: auth-failed with invalid-credentials, no SIP engine', async () => {
      const r = await login('101', 'wrong');
      expect(r).toEqual({
        ok: true,
        value: { status: 'auth-failed', user: '101', server: fx.uc.address, loginError: 'invalid-credentials' },
      });
      expect(fx.engines).toHaveLength(0);
    });

    it('too many attempts: auth-failed with too-many-attempts and retryAfterS', async () => {
      fx.uc.maxFailures = 1;
      await login('101', 'wrong');
      const r = await login();
      expect(r).toMatchObject({
        ok: true,
        value: { status: 'auth-failed', loginError: 'too-many-attempts', retryAfterS: 30 },
      });
      expect(fx.engines).toHaveLength(0);
    });

    it('shows the failed attempts since the last login', async () => {
      await login('101', 'wrong');
      await login('101', 'wrong');
      const r = await login();
      expect(r.ok && (r.value as SessionState).failedAttempts).toEqual({ count: 2, lastAt: expect.any(Number) });
    });

    it('server unreachable: says so and does not retry by itself', async () => {
      await fx.uc.stop();
      const r = await login();
      expect(r).toEqual({
        ok: true,
        value: { status: 'unreachable', user: '101', server: fx.uc.address, loginError: 'server-unreachable' },
      });
      expect(fx.engines).toHaveLength(0);
      const requests = fx.uc.requests.length;
      fx.clock.advance(120_000);
      await flush();
      expect(fx.uc.requests.length).toBe(requests);
      expect(fx.clock.pending).toBe(0);
    });

    it('a malformed server reply is reported as bad-server-reply', async () => {
      fx.uc.overrides.set('POST /auth/login', { status: 200, body: '{"hello":"world"}' });
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
      expect(fx.uc.requests).toEqual([]);
      expect(eventsOf('session.onDidChangeState')).toEqual([]);
    });

    it('rejects a user with characters SIP cannot carry', async () => {
      const r = await invoke('session.login', { server: fx.uc.address, user: 'a b', password: 'x' });
      expect(r.ok === false && r.error.code).toBe('invalid-payload');
      expect(fx.uc.requests).toEqual([]);
    });

    it('SIP refusing the password is auth-failed with sip-auth-failed', async () => {
      fx.outcome = 'auth-failed';
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
      expect(fx.engines).toHaveLength(0);
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
      expect(engine().options).toMatchObject({ user: '102', password: fx.uc.sipSecretOf('102') });
    });

    it('changing the password later (Settings) re-registers SIP with the rotated SIP secret and updates the remembered login', async () => {
      await login('101', 'Welcome101!', { remember: true });
      const before = fx.uc.sipSecretOf('101');
      const r = await invoke('session.changePassword', { currentPassword: 'Welcome101!', newPassword: 'Chang3d-Pw!' });
      expect(r).toMatchObject({ ok: true, value: { status: 'registered', user: '101' } });
      expect(fx.engines).toHaveLength(2);
      expect(fx.engines[0]!.stopped).toBe(true);
      expect(engine().options.password).toBe(fx.uc.sipSecretOf('101'));
      expect(engine().options.password).not.toBe(before);
      expect(engine().options.password).not.toBe('Chang3d-Pw!');
      expect(JSON.parse((await fx.secrets.get(REMEMBERED_LOGIN_KEY))!).password).toBe('Chang3d-Pw!');
    });

    it('a weak password refused by the server carries its rules', async () => {
      await login('102', 'Welcome102!');
      // The client-side check passes; the server applies an extra rule.
      fx.uc.overrides.set('POST /auth/password', {
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
      expect(fx.engines).toHaveLength(0);
      // a server that compares otherwise (e.g. its hash of the current password) says so with its own code
      fx.uc.overrides.set('POST /auth/password', {
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
      fx.outcome = undefined;
      const pending = login();
      await until('engine', () => fx.engines.length === 1);
      await flush();
      fx.clock.advance(9_999);
      await flush();
      let settled = false;
      void pending.then(() => (settled = true));
      await flush();
      expect(settled).toBe(false);
      fx.clock.advance(1);
      const r = await pending;
      expect(r).toMatchObject({ ok: true, value: { status: 'connecting', user: '101', server: fx.uc.address } });
      // The engine keeps trying; a later fx.outcome still reaches the UI.
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
      expect(fx.engines).toHaveLength(2);
      first.setRegistration({ status: 'unreachable' });
      expect((await state()).status).toBe('registered');
      const r = await invoke('session.logout');
      expect(r).toEqual({ ok: true, value: { status: 'logged-out' } });
      expect(engine().stopped).toBe(true);
      await until(
        'both refresh tokens revoked',
        () => fx.uc.requests.filter((q) => q === 'POST /auth/logout').length === 2,
      );
      await until('events socket closed', () => fx.uc.eventsClients === 0);
    });

    it('a session the server ends is renewed with the password held; refused, it shows the login screen', async () => {
      await login('101', 'Welcome101!', { remember: true });
      await until('events socket', () => fx.uc.eventsClients === 1);
      // the refresh token is revoked (e.g. reuse detected): the client logs in again by itself
      fx.uc.endSessions();
      await until('renewed', () => {
        fx.clock.advance(500);
        return fx.uc.eventsClients === 1 && fx.uc.requests.filter((r) => r === 'POST /auth/login').length === 2;
      });
      expect((await state()).status).toBe('registered');
      // the password is changed on another device: the held one is refused, the session ends here
      fx.uc.accounts.get('101')!.password = 'Chang3d-101!';
      fx.uc.endSessions();
      await until('logged out', async () => (await state()).status === 'logged-out');
      expect(await state()).toEqual({
        status: 'logged-out',
        user: '101',
        server: fx.uc.address,
        loginError: 'invalid-credentials',
      });
      expect(engine().stopped).toBe(true);
      expect(await fx.secrets.get(REMEMBERED_LOGIN_KEY)).toBeUndefined();
    });

    it('logout does not wait for a server that does not answer', async () => {
      await login();
      fx.uc.delayMs = 3000;
      const started = Date.now();
      expect(await invoke('session.logout')).toEqual({ ok: true, value: { status: 'logged-out' } });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('the UC connection goes offline when the server stops and comes back by itself', async () => {
      await login();
      await until('events socket', () => fx.uc.eventsClients === 1);
      await fx.uc.stop();
      await until('offline', async () => (await state()).ucConnection === 'offline');
      expect((await state()).status).toBe('registered'); // SIP is separate (A4: the menu stays usable)
      expect(await invoke('sync.getState')).toMatchObject({ ok: true, value: { status: 'offline' } });
      await fx.uc.restart();
      await until('online again', async () => {
        fx.clock.advance(500);
        return (await state()).ucConnection === 'online';
      });
      expect(eventsOf('session.onDidChangeState').map((s) => s.ucConnection)).toContain('offline');
    });

    it('remember keeps the login in the secret store; autoLogin() uses it; logout forgets it', async () => {
      await login('101', 'Welcome101!', { remember: true });
      expect(JSON.parse((await fx.secrets.get(REMEMBERED_LOGIN_KEY))!)).toEqual({
        server: fx.uc.address,
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
      expect(await fx.secrets.get(REMEMBERED_LOGIN_KEY)).toBeUndefined();
      expect(await fx.core.autoLogin()).toBeUndefined();
    });

    it('a store that cannot persist (web shell) keeps nothing and leaves auto-login off', async () => {
      const web = makeCore({ secretStore: new MemorySecretStore() });
      const r = await dispatchInvoke(web, 'session.login', {
        server: fx.uc.address,
        user: '101',
        password: 'Welcome101!',
        remember: true,
      });
      expect(r).toMatchObject({ ok: true, value: { status: 'registered' } });
      expect(await dispatchInvoke(web, 'settings.get', {})).toMatchObject({ ok: true, value: { autoLogin: false } });
      await web.dispose();
    });

    it('autoLogin() does nothing when the setting is off', async () => {
      await fx.secrets.set(
        REMEMBERED_LOGIN_KEY,
        JSON.stringify({ server: fx.uc.address, user: '101', password: 'Welcome101!' }),
      );
      expect(await fx.core.autoLogin()).toBeUndefined();
      expect(fx.uc.requests).toEqual([]);
    });
  });

  it('refuses work after dispose', async () => {
    await fx.core.dispose();
    expect(await invoke('session.getState')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
