/**
 * AppCore's desktop-integration part (issue 4): telephony links, hotkey status,
 * headsets, missed-call counter, popup state, window commands and the new settings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel, EventPayloads } from '../../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore, type AppCoreOptions } from '../../../src-main/core/app/compose-app-core';
import { LINK_REQUEST_TTL_MS } from '../../../src-main/core/features/desktop/links/link-requests';
import type { MissedCallNotice } from '../../../src-main/core/app/shell-backend';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { MemorySecretStore } from '../../../src-main/core/platform/secrets/memory-secret-store';
import type { SipEngineOptions } from '../../../src-main/core/features/calls/sip/sip-engine';
import { FakeAdapter, settle } from './headsets/headset-fakes';
import { FakeUcServer } from '../../support/fake-uc-server';
import { FakeEngine } from '../../support/fake-phone';
import { FakeMediaHost } from '../../support/fake-media-host';
import { ManualClock } from '../../support/manual-clock';

type Recorded = { channel: EventChannel; payload: unknown };

describe('AppCore desktop integration', () => {
  let clock: ManualClock;
  let engines: FakeEngine[];
  let core: AppCore;
  let events: Recorded[];
  let uc: FakeUcServer;
  let hid: FakeAdapter;
  let poly: FakeAdapter;

  const invoke = (channel: string, payload: unknown = {}) => dispatchInvoke(core, channel, payload);
  const value = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const r = await invoke(channel, payload);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  const eventsOf = <E extends EventChannel>(channel: E): EventPayloads[E][] =>
    events.filter((e) => e.channel === channel).map((e) => e.payload as EventPayloads[E]);
  const engine = (): FakeEngine => engines[engines.length - 1]!;
  const login = () => invoke('session.login', { server: uc.address, user: '101', password: 'Welcome101!' });
  const makeCore = (extra: Partial<AppCoreOptions> = {}): AppCore => {
    const c = composeAppCore({
      dataDir: ':memory:',
      mediaHost: new FakeMediaHost(),
      clock,
      endedCallLingerMs: 3000,
      secretStore: new MemorySecretStore(),
      requestTimeoutMs: 2000,
      platform: 'linux',
      headsetAdapters: [hid, poly],
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

  beforeEach(async () => {
    clock = new ManualClock();
    engines = [];
    events = [];
    hid = new FakeAdapter('hid');
    poly = new FakeAdapter('poly');
    uc = new FakeUcServer({ accounts: [{ number: '101', password: 'Welcome101!', displayName: 'Bob Dupont' }] });
    await uc.start();
    core = makeCore();
  });

  afterEach(async () => {
    await core.dispose();
    await uc.stop();
  });

  describe('telephony links (SPEC G1)', () => {
    it('an OS link asks first; links.confirm(accept) dials the parsed number', async () => {
      await login();
      core.handleExternalLink('tel:+1-201-555-0123;ext=42', 'os-second-instance');
      const [request] = eventsOf('links.onDidRequestDial');
      expect(request).toEqual({
        requestId: expect.any(String),
        number: '+12015550123',
        display: expect.stringContaining('201'),
        extension: '42',
        scheme: 'tel',
      });
      expect(engine().dialed).toEqual([]);
      expect(await value('links.getPending')).toEqual([request]);
      const r = await value<{ callId: string } | null>('links.confirm', {
        requestId: request!.requestId,
        accept: true,
      });
      expect(r).toEqual({ callId: expect.any(String) });
      expect(engine().dialed).toEqual(['+12015550123']);
      // one answer per request
      expect(await invoke('links.confirm', { requestId: request!.requestId, accept: true })).toMatchObject({
        ok: false,
        error: { code: 'unknown-request' },
      });
    });

    it('refusing dials nothing; a request expires after 60 s', async () => {
      await login();
      core.handleExternalLink('sip:alice@example.com', 'os-open-url');
      core.handleExternalLink('callto:101', 'cold-start-argv');
      const [a, b] = eventsOf('links.onDidRequestDial');
      expect(a).toMatchObject({ scheme: 'sip', number: 'sip:alice@example.com' });
      expect(await value('links.confirm', { requestId: a!.requestId, accept: false })).toBeNull();
      clock.advance(LINK_REQUEST_TTL_MS);
      expect(await invoke('links.confirm', { requestId: b!.requestId, accept: true })).toMatchObject({
        ok: false,
        error: { code: 'unknown-request' },
      });
      expect(engine().dialed).toEqual([]);
    });

    it('a bad link is refused with its reason and never dialed', async () => {
      await login();
      core.handleExternalLink('javascript:alert(1)', 'os-second-instance');
      core.handleExternalLink('--gpu-launcher=calc', 'os-second-instance');
      expect(eventsOf('links.onDidRefuse').map((r) => r.reason)).toEqual(['unsupported-scheme', 'switch-like']);
      expect(eventsOf('links.onDidRequestDial')).toEqual([]);
      core.reportLinkRefusal({ reason: 'invalid-number' });
      expect(eventsOf('links.onDidRefuse').at(-1)).toEqual({ reason: 'invalid-number' });
    });

    it('links.open (a click in our own window) dials at once; a bad one is invalid-link with the reason', async () => {
      await login();
      expect(await value('links.open', { url: 'tel:+33-1-23-45-67-89' })).toEqual({ callId: expect.any(String) });
      expect(engine().dialed).toEqual(['+33123456789']);
      expect(await invoke('links.open', { url: 'tel:1234' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-link', details: ['missing-phone-context'] },
      });
    });

    it('links.open while logged out: not-registered', async () => {
      expect(await invoke('links.open', { url: 'tel:+33123456789' })).toMatchObject({
        ok: false,
        error: { code: 'not-registered' },
      });
    });
  });

  describe('dial hotkey (SPEC G2)', () => {
    it('settings.update validates the accelerator and stores it canonically (per user: needs a login)', async () => {
      expect(await invoke('settings.update', { dialHotkey: 'ctrl+alt+d' })).toMatchObject({
        ok: false,
        error: { code: 'not-logged-in', details: ['dialHotkey'] },
      });
      await login();
      const s = await value<{ dialHotkey: string | null }>('settings.update', { dialHotkey: 'ctrl+alt+d' });
      expect(s.dialHotkey).toBe('Control+Alt+D');
      for (const [bad, reason] of [
        ['Ctrl+C', 'reserved-combination'],
        ['F1', 'reserved-function-key'],
        ['Shift+A', 'shift-only'],
        ['A', 'bare-key'],
      ] as const) {
        expect(await invoke('settings.update', { dialHotkey: bad })).toMatchObject({
          ok: false,
          error: { code: 'invalid-hotkey', details: [reason] },
        });
      }
      expect((await value<{ dialHotkey: string | null }>('settings.get')).dialHotkey).toBe('Control+Alt+D');
      expect(
        (await value<{ dialHotkey: string | null }>('settings.update', { dialHotkey: null })).dialHotkey,
      ).toBeNull();
    });

    it('keeps the status the shell reports and publishes changes and presses', async () => {
      expect(await value('hotkey.getStatus')).toEqual({ status: 'off' });
      core.setHotkeyStatus({ status: 'registered', label: 'Ctrl+Alt+D' });
      core.setHotkeyStatus({ status: 'registered', label: 'Ctrl+Alt+D' });
      expect(await value('hotkey.getStatus')).toEqual({ status: 'registered', label: 'Ctrl+Alt+D' });
      expect(eventsOf('hotkey.onDidChangeStatus')).toHaveLength(1);
      core.reportHotkeyPress({ outcome: 'no-number', reason: 'no-number' });
      expect(eventsOf('hotkey.onDidHandlePress')).toEqual([{ outcome: 'no-number', reason: 'no-number' }]);
    });
  });

  describe('headsets (SPEC G3)', () => {
    it('starts only the vendors enabled in the settings; status through headsets.getStatus / onDidChange', async () => {
      await settle();
      expect(hid.starts + poly.starts).toBe(0);
      await value('settings.update', { headsets: { poly: true } });
      await settle();
      expect(poly.starts).toBe(1);
      expect(hid.starts).toBe(0);
      const status = await value<EventPayloads['headsets.onDidChange']>('headsets.getStatus');
      expect(status.vendors.find((v) => v.vendor === 'poly')).toMatchObject({ enabled: true, slot: 'running' });
      expect(status.vendors.find((v) => v.vendor === 'hid')).toMatchObject({ enabled: false, slot: 'off' });
      expect(eventsOf('headsets.onDidChange').length).toBeGreaterThan(0);
      // partial update keeps the others
      const s = await value<{ headsets: object }>('settings.update', { headsets: { hid: true } });
      expect(s.headsets).toEqual({ hid: true, jabra: false, poly: true });
    });

    it('follows the calls and answers / hangs up from the headset button', async () => {
      await value('settings.update', { headsets: { hid: true } });
      await login();
      await settle();
      const call = engine().incoming('100');
      await settle();
      expect(hid.lastState).toMatchObject({ phase: 'ringing' });
      hid.press({ type: 'answer' });
      await settle();
      expect(call.state).toBe('established');
      expect(hid.lastState).toMatchObject({ phase: 'active' });
      hid.press({ type: 'hangup' });
      await settle();
      expect(call.state).toBe('terminated');
    });
  });

  describe('missed-call counter and notifications (SPEC G4)', () => {
    it('counts missed calls since markSeen, fires onDidMissCall, persists the mark', async () => {
      const notices: MissedCallNotice[] = [];
      core.onDidMissCall((n) => notices.push(n));
      await login();
      events.length = 0; // the login's own counters event (0 for a new account)
      engine().incoming('103', 'Dana').end('cancelled');
      clock.advance(1000);
      engine().incoming('104').end('cancelled');
      const answered = engine().incoming('105');
      await answered.answer();
      await answered.hangup();
      expect(await value('counters.get')).toEqual({ missedCalls: 2, unreadMessages: 0, newVoicemails: 0 });
      expect(eventsOf('counters.onDidChange')).toEqual([
        { missedCalls: 1, unreadMessages: 0, newVoicemails: 0 },
        { missedCalls: 2, unreadMessages: 0, newVoicemails: 0 },
      ]);
      expect(notices.map((n) => [n.peer, n.peerName, n.missedCalls])).toEqual([
        ['103', 'Dana', 1],
        ['104', undefined, 2],
      ]);
      expect(await value('counters.markSeen', { kind: 'missed-calls' })).toEqual({
        missedCalls: 0,
        unreadMessages: 0,
        newVoicemails: 0,
      });
      expect(eventsOf('counters.onDidChange').at(-1)).toEqual({ missedCalls: 0, unreadMessages: 0, newVoicemails: 0 });
      clock.advance(1000);
      engine().incoming('106').end('timeout');
      expect(await value('counters.get')).toEqual({ missedCalls: 1, unreadMessages: 0, newVoicemails: 0 });
    });

    it('reports a notification click', () => {
      core.reportNotificationActivation({ kind: 'missed-call', callId: 'c1', peer: '103' });
      expect(eventsOf('notifications.onDidActivate')).toEqual([{ kind: 'missed-call', callId: 'c1', peer: '103' }]);
    });
  });

  describe('call popup state (SPEC F2)', () => {
    it('follows ringing calls and the visibility setting', async () => {
      await login();
      await value('settings.update', { popupVisibility: '5s' });
      const call = engine().incoming('100');
      expect(await value('popup.getState')).toEqual({ visible: true, callId: call.id });
      clock.advance(5000);
      expect(await value('popup.getState')).toEqual({ visible: false });
      expect(eventsOf('popup.onDidChange')).toEqual([{ visible: true, callId: call.id }, { visible: false }]);

      await value('settings.update', { popupVisibility: 'minimized-only' });
      expect((await value<{ visible: boolean }>('popup.getState')).visible).toBe(false);
      core.setMainWindowMinimized(true);
      expect(await value('popup.getState')).toEqual({ visible: true, callId: call.id });
    });
  });

  describe('window commands and view settings (SPEC A5–A7)', () => {
    it('zoom, view and pin are settings; the rest goes to the shell controller when there is one', async () => {
      await value('window.command', { command: 'zoom-in' });
      await value('window.command', { command: 'zoom-in' });
      expect((await value<{ zoom: number }>('settings.get')).zoom).toBe(1.2);
      await value('window.command', { command: 'zoom-reset' });
      await value('window.command', { command: 'set-view', view: 'collapsed' });
      await value('window.command', { command: 'toggle-pin' });
      expect(await value('settings.get')).toMatchObject({ zoom: 1, view: 'collapsed', pinOnTop: true });
      expect(await invoke('window.command', { command: 'set-view' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
      // web shell: no controller, accepted and ignored
      expect(await invoke('window.command', { command: 'minimize' })).toEqual({ ok: true, value: undefined });
      const seen: string[] = [];
      core.setWindowController((c) => seen.push(c));
      await value('window.command', { command: 'dock' });
      await value('window.command', { command: 'close' });
      expect(seen).toEqual(['dock', 'close']);
    });

    it('validates the other new settings', async () => {
      await login(); // dateFormat is kept per user
      expect(
        await value('settings.update', {
          telephonyLinksDefault: true,
          dateFormat: 'yyyy-mm-dd',
          startMinimized: true,
          view: 'details',
          zoom: 1.5,
        }),
      ).toMatchObject({
        telephonyLinksDefault: true,
        dateFormat: 'yyyy-mm-dd',
        startMinimized: true,
        view: 'details',
        zoom: 1.5,
      });
      for (const bad of [
        { zoom: 3 },
        { zoom: 0.2 },
        { view: 'tiles' },
        { dateFormat: 'dd.mm.yy' },
        { popupVisibility: '3s' },
        { headsets: { sony: true } },
      ]) {
        expect(await invoke('settings.update', bad), JSON.stringify(bad)).toMatchObject({
          ok: false,
          error: { code: 'invalid-payload' },
        });
      }
    });
  });
});
