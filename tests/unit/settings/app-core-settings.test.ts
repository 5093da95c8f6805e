/**
 * AppCore through dispatchInvoke with a fake SIP engine and a fake UC server:
 * settings: defaults, updates, launch at startup, the saved servers.
 * (Split by domain from the former tests/unit/app/app-core.test.ts; the harness is tests/support/app-core-harness.ts.)
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-preload/contract/ipc-contract';
import { useAppCoreFixture } from '../../support/app-core-harness';

describe('AppCore', () => {
  const fx = useAppCoreFixture();
  const { invoke, eventsOf, login } = fx;

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

    it('the keypad position (SPEC F3) is checked in the engine: a bad one is refused and changes nothing', async () => {
      expect(await invoke('settings.update', { keypadPosition: { x: 30, y: 40 } })).toMatchObject({
        ok: true,
        value: { keypadPosition: { x: 30, y: 40 } },
      });
      for (const bad of [
        { x: -5, y: 0 },
        { x: 'a', y: 0 },
        { x: 1, y: 2, w: 3 },
      ]) {
        expect(await invoke('settings.update', { keypadPosition: bad as never })).toMatchObject({
          ok: false,
          error: { code: 'invalid-payload' },
        });
      }
      expect(await invoke('settings.get')).toMatchObject({ ok: true, value: { keypadPosition: { x: 30, y: 40 } } });
    });

    it('launch at startup is applied by the shell; servers are checked', async () => {
      await invoke('settings.update', { launchAtStartup: true });
      await invoke('settings.update', { launchAtStartup: true });
      await invoke('settings.update', { launchAtStartup: false });
      expect(fx.startupChanges).toEqual([true, false]);
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
        fx.uc.overrides.clear();
        await invoke('session.login', { server, user: '101', password: 'x' }); // unreachable: not added
      }
      expect((await invoke('settings.get')).ok && eventsOf('settings.onDidChange')).toEqual([]);
      await login();
      await invoke('settings.update', { servers: ['a.test', 'b.test', 'c.test'] });
      await login();
      expect(await invoke('settings.get')).toMatchObject({
        ok: true,
        value: { servers: [fx.uc.address, 'a.test', 'b.test', 'c.test'] },
      });
    });
  });
});
