import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src-preload/contract/ipc-contract';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import { failedAttemptsKey } from '../../../src-renderer/src/features/session/session-slice';
import { serverInputError } from '../../../src-renderer/src/features/settings/settings-slice';
import { FakeUc, flush, settingsOf } from '../../support/renderer/fake-uc';
import { FakeTime } from '../../support/renderer/store-harness';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };

function baseUc(): FakeUc {
  return new FakeUc()
    .handle('session.getState', () => ({ ok: true, value: { status: 'logged-out' } }))
    .handle('settings.get', () => ({ ok: true, value: settingsOf({ servers: ['pbx.example.com', 'backup:9000'] }) }))
    .handle('calls.list', () => ({ ok: true, value: [] }))
    .handle('dial.getRecent', () => ({ ok: true, value: [] }))
    .handle('journal.list', () => ({ ok: true, value: [] }))
    .handle('sync.getState', () => ({ ok: true, value: { status: 'idle', pending: 0, revision: 0 } }));
}

describe('session slice: login errors, password change, failed attempts', () => {
  it('sends remember and keeps the too-many-attempts deadline for the countdown', async () => {
    const time = new FakeTime();
    const uc = baseUc().handle('session.login', () => ({
      ok: true,
      value: { status: 'logged-out', loginError: 'too-many-attempts', retryAfterS: 30 },
    }));
    const store = createAppStore(uc, 'en', time);
    await store.getState().login({ user: '101', password: 'x', server: 'pbx', remember: true });
    expect(uc.invoked('session.login')).toEqual([{ user: '101', password: 'x', server: 'pbx', remember: true }]);
    expect(store.getState().session.loginError).toBe('too-many-attempts');
    expect(store.getState().loginBlockedUntil).toBe(time.now() + 30_000);
    store.getState().setSession({ status: 'logged-out', loginError: 'invalid-credentials' });
    expect(store.getState().loginBlockedUntil).toBeNull();
  });

  it('checks the new password locally before asking the server', async () => {
    const uc = baseUc();
    const store = createAppStore(uc);
    const s = store.getState();
    expect(await s.changePassword({ currentPassword: '', newPassword: 'Abcdef1!', confirm: 'Abcdef1!' })).toBe(false);
    expect(store.getState().passwordChange.error).toBe('missing-fields');
    await s.changePassword({ currentPassword: 'old', newPassword: 'abcdefgh', confirm: 'abcdefgh' });
    expect(store.getState().passwordChange.error).toBe('weak');
    await s.changePassword({ currentPassword: 'old', newPassword: 'Abcdefg1!', confirm: 'Abcdefg1?' });
    expect(store.getState().passwordChange.error).toBe('mismatch');
    // the forced change of a first login must not keep the initial password
    await s.changePassword({ currentPassword: 'Welcome102!', newPassword: 'Welcome102!', confirm: 'Welcome102!' });
    expect(store.getState().passwordChange.error).toBe('same-password');
    expect(uc.invoked('session.changePassword')).toHaveLength(0);
  });

  it('shows the rules the server rejected, then succeeds and follows the new state', async () => {
    let accept = false;
    const uc = baseUc().handle('session.changePassword', () =>
      accept
        ? { ok: true, value: { status: 'connecting', user: '101' } }
        : { ok: false, error: { code: 'weak-password', message: 'weak', details: ['special', 'bogus'] } },
    );
    const store = createAppStore(uc);
    store.getState().setSession({ status: 'password-change-required', user: '101' });
    const input = { currentPassword: 'Welcome101!', newPassword: 'Zebra2024!x', confirm: 'Zebra2024!x' };
    expect(await store.getState().changePassword(input)).toBe(false);
    expect(store.getState().passwordChange).toMatchObject({ error: 'weak-password', rejectedRules: ['special'] });
    accept = true;
    expect(await store.getState().changePassword(input)).toBe(true);
    expect(uc.invoked('session.changePassword').at(-1)).toEqual({
      currentPassword: 'Welcome101!',
      newPassword: 'Zebra2024!x',
    });
    expect(store.getState().passwordChange).toMatchObject({ error: null, done: true, busy: false });
    expect(store.getState().session.status).toBe('connecting');
  });

  it('reports a wrong current password', async () => {
    const uc = baseUc().handle('session.changePassword', () => ({
      ok: false,
      error: { code: 'wrong-current-password', message: 'no' },
    }));
    const store = createAppStore(uc);
    await store.getState().changePassword({ currentPassword: 'x', newPassword: 'Zebra2024!x', confirm: 'Zebra2024!x' });
    expect(store.getState().passwordChange.error).toBe('wrong-current-password');
  });

  it('shows the failed-attempts notice until dismissed, and again for a new report', () => {
    const store = createAppStore(baseUc());
    const withFailures = (count: number, lastAt?: number): SessionState => ({
      status: 'registered',
      user: '101',
      failedAttempts: { count, lastAt },
    });
    expect(failedAttemptsKey(withFailures(0))).toBeNull();
    store.getState().setSession(withFailures(3, 1_700_000_000_000));
    const key = failedAttemptsKey(store.getState().session);
    expect(key).toBe('3:1700000000000');
    expect(store.getState().dismissedFailedAttempts).toBeNull();
    store.getState().dismissFailedAttempts();
    expect(store.getState().dismissedFailedAttempts).toBe(key);
    // a reload after a reconnect brings the same report: still dismissed
    store.getState().setSession(withFailures(3, 1_700_000_000_000));
    expect(failedAttemptsKey(store.getState().session)).toBe(store.getState().dismissedFailedAttempts);
    store.getState().setSession(withFailures(4, 1_700_000_100_000));
    expect(failedAttemptsKey(store.getState().session)).not.toBe(store.getState().dismissedFailedAttempts);
  });
});

describe('settings slice: servers, toggles', () => {
  it('validates server addresses', () => {
    expect(serverInputError('  ', [])).toBe('empty');
    expect(serverInputError('pbx.example.com', [])).toBeNull();
    expect(serverInputError('pbx.example.com:8802', [])).toBeNull();
    expect(serverInputError('10.0.0.5:99999', [])).toBe('invalid');
    expect(serverInputError('http://pbx', [])).toBe('invalid');
    expect(serverInputError('PBX.example.com', ['pbx.example.com'])).toBe('duplicate');
    expect(serverInputError('e', ['a', 'b', 'c', 'd'])).toBe('full');
  });

  it('adds and removes servers through settings.update', async () => {
    const uc = baseUc().handle('settings.update', (p) => ({
      ok: true,
      value: settingsOf({ servers: p.servers ?? [] }),
    }));
    const store = createAppStore(uc);
    connectAppStore(store, uc, always);
    await flush();
    expect(await store.getState().addServer(' third:8802 ')).toBeNull();
    expect(uc.invoked('settings.update').at(-1)).toEqual({ servers: ['pbx.example.com', 'backup:9000', 'third:8802'] });
    expect(await store.getState().addServer('backup:9000')).toBe('duplicate');
    await store.getState().removeServer('pbx.example.com');
    expect(store.getState().settings.servers).toEqual(['backup:9000', 'third:8802']);
  });

  it('toggles auto-login optimistically and rolls back only that key when refused', async () => {
    const uc = baseUc().handle('settings.update', () => ({ ok: false, error: { code: 'internal', message: 'x' } }));
    const store = createAppStore(uc);
    connectAppStore(store, uc, always);
    await flush();
    const pending = store.getState().updateSettings({ autoLogin: true });
    expect(store.getState().settings.autoLogin).toBe(true);
    expect(await pending).toBe(false);
    expect(store.getState().settings).toMatchObject({ autoLogin: false, servers: ['pbx.example.com', 'backup:9000'] });
    expect(store.getState().settingsError).toBe('internal');
  });

  it('logout returns to the main view for the next login', async () => {
    const uc = baseUc().handle('session.logout', () => ({ ok: true, value: { status: 'logged-out' } }));
    const store = createAppStore(uc);
    store.getState().setView('settings');
    await store.getState().logout();
    expect(store.getState().view).toBe('main');
  });
});

describe('sync slice', () => {
  it('loads the sync state and follows sync.onDidChange', async () => {
    const uc = baseUc();
    const store = createAppStore(uc);
    connectAppStore(store, uc, always);
    await flush();
    expect(store.getState().sync).toEqual({ status: 'idle', pending: 0, revision: 0 });
    uc.emit('sync.onDidChange', { status: 'offline', pending: 2, revision: 5, lastSyncedAt: 42 });
    expect(store.getState().sync).toEqual({ status: 'offline', pending: 2, revision: 5, lastSyncedAt: 42 });
  });
});
