/**
 * SPEC F3 "conference from consultation" through AppCore with a fake SIP
 * engine and a fake media host: joining resumes the held call and asks the
 * media host to mix both; a far end hanging up dissolves it; leaving connects
 * the two others (attended transfer); the errors a renderer can get.
 */
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../../src-preload/contract/ipc-contract';
import { useAppCoreFixture } from '../../../support/app-core-harness';
import type { FakeCall } from '../../../support/fake-phone';

describe('AppCore local conference', () => {
  const fx = useAppCoreFixture();
  const { invoke, eventsOf, engine, login } = fx;

  /** Alice talks with 101, consults 102: 101 held, 102 established. */
  async function consultation(): Promise<{ held: FakeCall; active: FakeCall }> {
    await login();
    const first = await invoke('calls.dial', { target: '101' });
    const held = engine().getCall(first.ok ? (first.value as { callId: string }).callId : '') as FakeCall;
    held.remoteAnswer();
    expect((await invoke('calls.setHold', { callId: held.id, hold: true })).ok).toBe(true);
    const second = await invoke('calls.dial', { target: '102' });
    const active = engine().getCall(second.ok ? (second.value as { callId: string }).callId : '') as FakeCall;
    active.remoteAnswer();
    return { held, active };
  }

  const mixes = () => fx.media.requests.filter((r) => r.method === 'setMix').map((r) => r.params);
  const lastViews = (): CallView[] => eventsOf('calls.onDidChange').at(-1) ?? [];

  it('joins the held and the active call: the held one is resumed, then both are mixed', async () => {
    const { held, active } = await consultation();
    const r = await invoke('calls.conference', { callId: held.id, otherCallId: active.id });
    expect(r.ok).toBe(true);
    const conferenceId = r.ok ? (r.value as { conferenceId: string }).conferenceId : '';
    expect(held.state).toBe('established');
    expect(held.held).toBe(false);
    expect(mixes()).toEqual([{ sessionIds: [active.mediaSessionId, held.mediaSessionId] }]);
    expect(lastViews().map((v) => v.conferenceId)).toEqual([conferenceId, conferenceId]);
    // holding one leg would silence it for the other far end: refused while in the conference
    const hold = await invoke('calls.setHold', { callId: active.id, hold: true });
    expect(hold.ok === false && hold.error.code).toBe('invalid-state');
    // mute is ours, on every leg
    expect((await invoke('calls.setMuted', { callId: active.id, muted: true })).ok).toBe(true);
    expect([held.muted, active.muted]).toEqual([true, true]);
  });

  it('a far end hanging up ends the conference: the mix stops and the other call is an ordinary call again', async () => {
    const { held, active } = await consultation();
    await invoke('calls.conference', { callId: held.id, otherCallId: active.id });
    active.end('remote-hangup');
    expect(mixes().at(-1)).toEqual({ sessionIds: [] });
    const view = lastViews().find((v) => v.id === held.id);
    expect(view?.state).toBe('established');
    expect(view?.conferenceId).toBeUndefined();
    expect((await invoke('calls.setHold', { callId: held.id, hold: true })).ok).toBe(true);
  });

  it('leaving connects the two others (attended transfer) and stops mixing', async () => {
    const { held, active } = await consultation();
    const r = await invoke('calls.conference', { callId: held.id, otherCallId: active.id });
    const conferenceId = r.ok ? (r.value as { conferenceId: string }).conferenceId : '';
    expect((await invoke('calls.leaveConference', { conferenceId })).ok).toBe(true);
    expect(mixes().at(-1)).toEqual({ sessionIds: [] });
    const [first, second] = [active, held];
    expect(first.sentTo).toEqual({ how: 'connect', callId: second.id });
    expect([held.endReason, active.endReason]).toEqual(['transferred', 'transferred']);
    const again = await invoke('calls.leaveConference', { conferenceId });
    expect(again.ok === false && again.error.code).toBe('unknown-call');
  });

  it('refuses calls that are not answered, the same call twice, and unknown calls', async () => {
    const { held, active } = await consultation();
    const ringing = engine().incoming('103');
    const notAnswered = await invoke('calls.conference', { callId: ringing.id, otherCallId: active.id });
    expect(notAnswered.ok === false && notAnswered.error.code).toBe('invalid-state');
    const self = await invoke('calls.conference', { callId: held.id, otherCallId: held.id });
    expect(self.ok === false && self.error.code).toBe('invalid-state');
    const unknown = await invoke('calls.conference', { callId: 'nope', otherCallId: active.id });
    expect(unknown.ok === false && unknown.error.code).toBe('unknown-call');
    expect(mixes()).toEqual([]);
    // joined once: joining the same call again is refused
    await invoke('calls.conference', { callId: held.id, otherCallId: active.id });
    const twice = await invoke('calls.conference', { callId: held.id, otherCallId: active.id });
    expect(twice.ok === false && twice.error.code).toBe('invalid-state');
  });

  it('when the media host cannot mix, the conference is not made and the calls stay usable', async () => {
    const { held, active } = await consultation();
    fx.media.connected = false;
    const r = await invoke('calls.conference', { callId: held.id, otherCallId: active.id });
    expect(r.ok === false && r.error.code).toBe('media-unavailable');
    fx.media.connected = true;
    expect(lastViews().every((v) => v.conferenceId === undefined)).toBe(true);
    expect((await invoke('calls.setHold', { callId: active.id, hold: true })).ok).toBe(true);
  });
});
