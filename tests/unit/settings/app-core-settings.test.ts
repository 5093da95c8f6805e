/**
 * AppCore through dispatchInvoke with a fake SIP engine and a fake UC server:
 * settings: defaults, updates, launch at startup, the saved servers.
 * (Split by domain from the former tests/unit/app/app-core.test.ts; the harness is tests/support/app-core-harness.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EventChannel, type EventPayloads } from '../../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../../src-main/core/app/app-core';
import type { AppCoreOptions } from '../../../src-main/core/app/compose-app-core';
import type { RegistrationState } from '../../../src-main/core/features/calls';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { makeTestCore, PersistentTestSecretStore, type Recorded, TEST_ACCOUNTS } from '../../support/app-core-harness';
import { FakeUcServer } from '../../support/fake-uc-server';
import { type FakeEngine } from '../../support/fake-phone';
import { FakeMediaHost } from '../../support/fake-media-host';
import { ManualClock } from '../../support/manual-clock';

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
  const login = (user = '101', password = 'Welcome101!', extra: object = {}) =>
    invoke('session.login', { server: uc.address, user, password, ...extra });
  const makeCore = (extra: Partial<AppCoreOptions> = {}): AppCore =>
    makeTestCore(
      { clock, media, secrets, startupChanges, engines, outcome: () => outcome, events: () => events },
      extra,
    );

  beforeEach(async () => {
    clock = new ManualClock();
    media = new FakeMediaHost();
    engines = [];
    outcome = 'registered';
    events = [];
    secrets = new PersistentTestSecretStore();
    startupChanges = [];
    uc = new FakeUcServer({ accounts: TEST_ACCOUNTS });
    await uc.start();
    core = makeCore();
  });

  afterEach(async () => {
    await core.dispose();
    await uc.stop();
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
});
