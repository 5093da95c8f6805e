import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel, EventPayloads } from '../../../src-preload/contract/ipc-contract';
import { AppCore } from '../../../src-main/core/app/app-core';
import { dispatchInvoke } from '../../../src-main/core/ipc/dispatch-invoke';
import type { RegistrationState, SipEngineOptions } from '../../../src-main/core/sip/sip-engine';
import { FakeEngine, FakeMediaHost, ManualClock, type FakeCall } from './fakes';

type Recorded = { channel: EventChannel; payload: unknown };

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('AppCore', () => {
  let clock: ManualClock;
  let media: FakeMediaHost;
  let engines: FakeEngine[];
  let outcome: RegistrationState['status'] | undefined;
  let core: AppCore;
  let events: Recorded[];

  const invoke = (channel: string, payload: unknown = {}) => dispatchInvoke(core, channel, payload);
  const eventsOf = <E extends EventChannel>(channel: E): EventPayloads[E][] =>
    events.filter((e) => e.channel === channel).map((e) => e.payload as EventPayloads[E]);
  const engine = (): FakeEngine => engines[engines.length - 1]!;
  const login = () => invoke('session.login', { server: '127.0.0.1:8080', user: '101', password: 'Welcome101!' });

  beforeEach(() => {
    clock = new ManualClock();
    media = new FakeMediaHost();
    engines = [];
    outcome = 'registered';
    events = [];
    core = new AppCore({
      dataDir: ':memory:',
      mediaHost: media,
      clock,
      endedCallLingerMs: 3000,
      createEngine: (o: SipEngineOptions) => {
        const e = new FakeEngine(o, clock, outcome);
        engines.push(e);
        return e;
      },
    });
    core.onEvent((channel, payload) => events.push({ channel, payload }));
  });

  afterEach(async () => {
    await core.dispose();
  });

  describe('session', () => {
    it('starts logged out', async () => {
      expect(await invoke('session.getState')).toEqual({ ok: true, value: { status: 'logged-out' } });
    });

    it('logs in: engine gets the ws URL and domain; resolves registered; emits connecting then registered', async () => {
      const r = await login();
      expect(r).toEqual({ ok: true, value: { status: 'registered', user: '101', server: '127.0.0.1:8080' } });
      expect(engine().options).toMatchObject({
        wsUrl: 'ws://127.0.0.1:8080',
        domain: '127.0.0.1',
        user: '101',
        password: 'Welcome101!',
        mediaHost: media,
        iceServers: [],
      });
      expect(eventsOf('session.onDidChangeState').map((s) => s.status)).toEqual(['connecting', 'registered']);
    });

    it('accepts ws:// URLs', async () => {
      await invoke('session.login', { server: 'wss://pbx.example.com/sip', user: '101', password: 'x' });
      expect(engine().options.wsUrl).toBe('wss://pbx.example.com/sip');
      expect(engine().options.domain).toBe('pbx.example.com');
    });

    it('rejects an invalid server with invalid-server and creates no engine', async () => {
      const r = await invoke('session.login', { server: 'http://x', user: '101', password: 'x' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid-server');
      expect(engines).toHaveLength(0);
      expect(eventsOf('session.onDidChangeState')).toEqual([]);
    });

    it('rejects a user with characters SIP cannot carry', async () => {
      const r = await invoke('session.login', { server: '127.0.0.1:8080', user: 'a b', password: 'x' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid-payload');
      expect(engines).toHaveLength(0);
    });

    it.each(['auth-failed', 'unreachable'] as const)(
      'resolves with %s when the first attempt ends so',
      async (status) => {
        outcome = status;
        expect(await login()).toMatchObject({ ok: true, value: { status, user: '101' } });
      },
    );

    it('never waits longer than the login timeout', async () => {
      outcome = undefined;
      const pending = login();
      await flush();
      clock.advance(9_999);
      await flush();
      let settled = false;
      void pending.then(() => (settled = true));
      await flush();
      expect(settled).toBe(false);
      clock.advance(1);
      const r = await pending;
      expect(r).toEqual({ ok: true, value: { status: 'connecting', user: '101', server: '127.0.0.1:8080' } });
      // The engine keeps trying; a later outcome still reaches the UI.
      engine().setRegistration({ status: 'registered' });
      expect(await invoke('session.getState')).toMatchObject({ ok: true, value: { status: 'registered' } });
    });

    it('passes nextRetryAt through while unreachable', async () => {
      await login();
      engine().setRegistration({ status: 'unreachable', nextRetryAt: 12345 });
      expect(eventsOf('session.onDidChangeState').at(-1)).toEqual({
        status: 'unreachable',
        user: '101',
        server: '127.0.0.1:8080',
        nextRetryAt: 12345,
      });
    });

    it('logout stops the engine and a second login replaces the first engine', async () => {
      await login();
      const first = engine();
      await login();
      expect(first.stopped).toBe(true);
      expect(engines).toHaveLength(2);
      // Late events of the old engine do not leak into the session.
      first.setRegistration({ status: 'unreachable' });
      expect(await invoke('session.getState')).toMatchObject({ ok: true, value: { status: 'registered' } });
      expect(eventsOf('session.onDidChangeState').at(-1)?.status).toBe('registered');
      const r = await invoke('session.logout');
      expect(r).toEqual({ ok: true, value: { status: 'logged-out' } });
      expect(engine().stopped).toBe(true);
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

    it('dials the normalised target, remembers it, publishes the call list, journals the end', async () => {
      await login();
      const r = await invoke('calls.dial', { target: ' 10 2 ' });
      expect(r.ok).toBe(true);
      const callId = r.ok ? (r.value as { callId: string }).callId : '';
      expect(engine().dialed).toEqual(['102']);
      expect(await invoke('dial.getRecent')).toEqual({ ok: true, value: ['102'] });
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

    it('journals calls still running at logout', async () => {
      await login();
      const r = await invoke('calls.dial', { target: '102' });
      expect(r.ok).toBe(true);
      await invoke('session.logout');
      const j = await invoke('journal.list', {});
      expect(j.ok && j.value).toEqual([
        expect.objectContaining({ peer: '102', result: 'failed', reason: 'cancelled' }),
      ]);
    });
  });

  describe('settings', () => {
    it('reads defaults, updates and emits', async () => {
      expect(await invoke('settings.get')).toEqual({ ok: true, value: { language: 'en' } });
      expect(await invoke('settings.update', { language: 'fr' })).toEqual({ ok: true, value: { language: 'fr' } });
      expect(eventsOf('settings.onDidChange')).toEqual([{ language: 'fr' }]);
      expect(await invoke('settings.update', { language: 'de' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
      expect(await invoke('settings.get')).toEqual({ ok: true, value: { language: 'fr' } });
    });
  });

  it('refuses work after dispose', async () => {
    await core.dispose();
    expect(await invoke('session.getState')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
