/**
 * The VoIP switch and the ICE servers (SPEC F5, issue #15) through AppCore with a fake SIP engine
 * and a fake media host: off → no call placed or answered and the reason said; no WebRTC or a
 * denied microphone → said; user STUN/TURN servers added, refused (invalid, duplicate) and removed,
 * the provisioned ones read-only; the next call's media session gets them.
 */
import { describe, expect, it } from 'vitest';
import type { IceServerView, VoipStatus } from '../../../src-preload/contract/calls/voip-ipc';
import { voipProblemOf } from '../../../src-main/core/features/calls/voip-status';
import { flush, until, useAppCoreFixture } from '../../support/app-core-harness';

describe('voipProblemOf', () => {
  it('says the first reason VoIP cannot work', () => {
    expect(voipProblemOf(false, { webrtc: true, microphone: 'granted' })).toBe('disabled');
    expect(voipProblemOf(true, undefined)).toBe('no-media-host');
    expect(voipProblemOf(true, { webrtc: false, microphone: 'denied' })).toBe('no-webrtc');
    expect(voipProblemOf(true, { webrtc: true, microphone: 'denied' })).toBe('no-microphone');
    expect(voipProblemOf(true, { webrtc: true, microphone: 'prompt' })).toBeNull();
    expect(voipProblemOf(true, { webrtc: true, microphone: 'unknown' })).toBeNull();
  });
});

describe('VoIP switch in AppCore', () => {
  const fx = useAppCoreFixture();
  const { invoke, engine, login } = fx;

  it('is on by default and VoIP works with a capable media host', async () => {
    fx.media.results.probe = { webrtc: true, microphone: 'granted' };
    const settings = await invoke('settings.get');
    expect(settings.ok && (settings.value as { voip: boolean }).voip).toBe(true);
    expect(await invoke('voip.getStatus')).toEqual({ ok: true, value: { enabled: true, problem: null } });
  });

  it('off: dialing is refused with the reason and nothing is dialed; incoming calls are refused busy', async () => {
    await login();
    expect((await invoke('settings.update', { voip: false })).ok).toBe(true);
    expect(await invoke('voip.getStatus')).toEqual({ ok: true, value: { enabled: false, problem: 'disabled' } });
    const r = await invoke('calls.dial', { target: '102' });
    expect(r).toMatchObject({ ok: false, error: { code: 'voip-disabled' } });
    expect(engine().dialed).toEqual([]);

    const incoming = engine().incoming('100');
    // 486 (busy), not 603: the user's other devices keep ringing
    expect(incoming.state).toBe('terminated');
    expect(incoming.endReason).toBe('rejected');
    expect((await invoke('calls.list')).ok && (await invoke('calls.list'))).toEqual({ ok: true, value: [] });

    expect((await invoke('settings.update', { voip: true })).ok).toBe(true);
    expect((await invoke('calls.dial', { target: '102' })).ok).toBe(true);
  });

  it('a call that was ringing when VoIP went off cannot be answered here', async () => {
    await login();
    const call = engine().incoming('100');
    await invoke('settings.update', { voip: false });
    expect(await invoke('calls.answer', { callId: call.id })).toMatchObject({
      ok: false,
      error: { code: 'voip-disabled' },
    });
    expect(call.state).toBe('ringing-in');
  });

  it.each([
    [{ webrtc: false, microphone: 'unknown' as const }, 'no-webrtc'],
    [{ webrtc: true, microphone: 'denied' as const }, 'no-microphone'],
  ])('says when VoIP cannot work: %j → %s', async (probe, problem) => {
    await login();
    fx.media.results.probe = probe;
    expect(await invoke('voip.getStatus')).toEqual({ ok: true, value: { enabled: true, problem } });
    const r = await invoke('calls.dial', { target: '102' });
    expect(r).toMatchObject({ ok: false, error: { code: 'voip-unavailable', details: [problem] } });
    expect(engine().dialed).toEqual([]);
  });

  it('no media host answering: the status says so', async () => {
    fx.media.connected = false;
    const status = await invoke('voip.getStatus');
    expect(status.ok && (status.value as VoipStatus).problem).toBe('no-media-host');
  });
});

describe('ICE servers in AppCore', () => {
  const fx = useAppCoreFixture();
  const { invoke, engine, login } = fx;
  const list = async () => {
    const r = await invoke('voip.listIceServers');
    return r.ok ? (r.value as IceServerView[]) : r;
  };

  it('lists the provisioned servers read-only, adds and removes the user’s', async () => {
    await login();
    expect(await list()).toEqual([{ url: 'stun:127.0.0.1:3478', provisioned: true }]);
    const added = await invoke('voip.addIceServer', { url: 'stun:stun.example.org' });
    expect(added.ok).toBe(true);
    const turn = await invoke('voip.addIceServer', {
      url: 'turn:turn.example.org:3478?transport=tcp',
      username: 'me',
      credential: 'secret',
    });
    expect(turn.ok && turn.value).toEqual([
      { url: 'stun:stun.example.org', provisioned: false },
      { url: 'turn:turn.example.org:3478?transport=tcp', username: 'me', provisioned: false },
      { url: 'stun:127.0.0.1:3478', provisioned: true },
    ]);
    // the credential never goes to the renderer
    expect(JSON.stringify(turn)).not.toContain('secret');
    // the engine's media sessions read the live list: provisioned first, then the user's
    expect(engine().options.iceServers).toEqual([
      { urls: 'stun:127.0.0.1:3478' },
      { urls: 'stun:stun.example.org' },
      { urls: 'turn:turn.example.org:3478?transport=tcp', username: 'me', credential: 'secret' },
    ]);

    expect((await invoke('voip.removeIceServer', { url: 'stun:stun.example.org' })).ok).toBe(true);
    expect(await invoke('voip.removeIceServer', { url: 'stun:127.0.0.1:3478' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect((await list()) as IceServerView[]).toHaveLength(2);
    expect(engine().options.iceServers).toHaveLength(2);
  });

  it.each([
    ['http://stun.example.org'],
    ['stun:'],
    ['stun:bad host'],
    ['stun:example.org:99999'],
    ['turn:turn.example.org'],
    ['stun:example.org?transport=sctp'],
  ])('refuses %j as invalid and keeps the list', async (url) => {
    await login();
    const r = await invoke('voip.addIceServer', { url });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-ice-server' } });
    expect(await list()).toHaveLength(1);
  });

  it('refuses a duplicate, the user’s or a provisioned one', async () => {
    await login();
    expect((await invoke('voip.addIceServer', { url: 'stun:stun.example.org' })).ok).toBe(true);
    for (const url of ['stun:stun.example.org', 'STUN:Stun.Example.org', 'stun:127.0.0.1:3478']) {
      expect(await invoke('voip.addIceServer', { url })).toMatchObject({
        ok: false,
        error: { code: 'duplicate-ice-server' },
      });
    }
    expect(await list()).toHaveLength(2);
  });

  it('keeps the user’s servers across a new login, per user', async () => {
    await login();
    await invoke('voip.addIceServer', { url: 'stun:stun.example.org' });
    await invoke('session.logout');
    await login();
    expect(engine().options.iceServers).toEqual([{ urls: 'stun:127.0.0.1:3478' }, { urls: 'stun:stun.example.org' }]);
  });
});

describe('TURN credentials renewal', () => {
  const fx = useAppCoreFixture();

  it('fetches GET /me/ice-servers at login and again at half the credentials’ life', async () => {
    fx.uc.iceServersFor = (user, n) => [
      { urls: 'turn:127.0.0.1:3478', username: `t${n}:${user}`, credential: `c${n}` },
    ];
    fx.uc.iceExpiresAt = fx.clock.now() + 600_000;
    await fx.login();
    await until('first renewal', () => fx.uc.iceServerRequests === 1);
    await until('engine gets the fresh credentials', () =>
      JSON.stringify(fx.engine().options.iceServers).includes('t1:101'),
    );
    fx.uc.iceExpiresAt = fx.clock.now() + 900_000;
    fx.clock.advance(299_000);
    await flush();
    expect(fx.uc.iceServerRequests).toBe(1);
    fx.clock.advance(1_000);
    await until('second renewal', () => fx.uc.iceServerRequests === 2);
    await until('renewed credentials in use', () => JSON.stringify(fx.engine().options.iceServers).includes('t2:101'));
    expect(fx.engine().options.iceServers).toEqual([
      { urls: 'turn:127.0.0.1:3478', username: 't2:101', credential: 'c2' },
    ]);
    // logged out: no more renewals
    await fx.invoke('session.logout');
    fx.clock.advance(10 * 60_000);
    await flush();
    expect(fx.uc.iceServerRequests).toBe(2);
  });
});
