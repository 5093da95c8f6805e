/**
 * Forwarding rules (issue #12 items 6-7, SPEC J3/B2) through the real UC
 * server (rules, call-route decision) and Kamailio (route[FORWARDING_*]):
 * each rule kind and each status-based target lands the call on the right
 * place — the target's devices or the callee's mailbox — with the RFC 5806
 * Diversion reason; immediate forwarding overrides the others, honours its
 * weekly window at the server's (injected) clock, and a forwarded call is not
 * forwarded again.
 */
import type { Invitation } from 'sip.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultForwardingRules, type ForwardingRules } from '../../../src-preload/contract/forwarding';
import {
  ForwardingService,
  type AnnouncementLanguage,
  type SpeechSynthesizer,
} from '../../../server/src/features/forwarding';
import { PresenceService } from '../../../server/src/features/presence';
import { CALL_ROUTE_PATH, routingSecretOf } from '../../../server/src/features/routing';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

/** The server's clock: real time plus an offset the window test moves. */
class ShiftedClock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
}

/** The voicemail service's speech: records what it is asked to say, says a short tone. */
class RecordingSpeech implements SpeechSynthesizer {
  readonly said: string[] = [];
  async speak(text: string, _language: AnnouncementLanguage): Promise<Int16Array> {
    this.said.push(text);
    return new Int16Array(1_600).fill(3_000);
  }
}

const hhmm = (epochMs: number): string => new Date(epochMs).toISOString().slice(11, 16);

describe('forwarding rules', () => {
  const clock = new ShiftedClock();
  const speech = new RecordingSpeech();
  let stack: UcStack;
  let alice: TestPhone;
  let brunoDesk: TestPhone;
  let brunoLaptop: TestPhone;
  let chloe: TestPhone;
  let brunoToken: string;
  /** incoming calls per phone, with their Diversion header */
  const incoming = new Map<TestPhone, { call: Call; diversion: string | undefined }[]>();
  /** what each phone does with an incoming call */
  const behaviour = new Map<TestPhone, 'ring' | 'busy' | 'answer'>();

  const rules = (change: (r: ForwardingRules) => void): ForwardingRules => {
    const r = defaultForwardingRules('UTC');
    change(r);
    return r;
  };

  const putRules = async (r: ForwardingRules): Promise<void> => {
    const res = await fetch(`${stack.apiUrl}/me/forwarding`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${brunoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(r),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };

  const setPresence = async (state: string): Promise<void> => {
    const res = await fetch(`${stack.apiUrl}/me/presence`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${brunoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state }),
    });
    expect(res.status).toBe(200);
  };

  const ringsOf = (phone: TestPhone): number => incoming.get(phone)?.length ?? 0;
  const brunoRings = (): number => ringsOf(brunoDesk) + ringsOf(brunoLaptop);

  /** Alice calls 101 and waits until the call is answered or over. */
  const callBruno = async (timeoutMs = 15_000): Promise<Call> => {
    const call = alice.engine.dial('101');
    await waitFor(
      'call answered or over',
      () => call.state === CallState.Established || call.state === CallState.Terminated,
      timeoutMs,
    );
    return call;
  };

  const hangUp = async (call: Call): Promise<void> => {
    if (call.state !== CallState.Terminated) await call.hangup().catch(() => undefined);
    await waitFor('hung up', () => call.state === CallState.Terminated, 10_000);
  };

  const reasonOf = (diversion: string | undefined): string | undefined =>
    diversion === undefined ? undefined : /;\s*reason\s*=\s*"?([a-z-]+)/i.exec(diversion)?.[1];

  beforeAll(async () => {
    stack = await startUcStack({ clock, voicemail: { speech } });
    const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
    alice = createPhone(k, '100');
    brunoDesk = createPhone(k, '101');
    brunoLaptop = createPhone(k, '101');
    chloe = createPhone(k, '102');
    for (const p of [alice, brunoDesk, brunoLaptop, chloe]) expect((await p.engine.start()).status).toBe('registered');
    for (const p of [brunoDesk, brunoLaptop, chloe]) {
      p.engine.onDidReceiveCall((c) => {
        const diversion = (c.session as Invitation).request.getHeader('Diversion');
        incoming.set(p, [...(incoming.get(p) ?? []), { call: c, diversion }]);
        const what = behaviour.get(p) ?? 'ring';
        if (what === 'busy') void c.reject('busy').catch(() => undefined);
        if (what === 'answer') void c.answer().catch(() => undefined);
      });
    }
    brunoToken = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
  });

  afterAll(async () => {
    for (const p of [alice, brunoDesk, brunoLaptop, chloe]) await p?.dispose();
    await stack?.stop();
  });

  beforeEach(async () => {
    incoming.clear();
    behaviour.clear();
    clock.offsetMs = 0;
    await setPresence('office');
  });

  it('immediate to an internal number: only the target rings, told it was forwarded unconditionally by 101', async () => {
    await putRules(
      rules((r) => (r.immediate = { enabled: true, target: { kind: 'number', number: '102' }, window: null })),
    );
    behaviour.set(chloe, 'answer');
    const call = await callBruno();
    expect(call.state).toBe(CallState.Established);
    expect(ringsOf(chloe)).toBe(1);
    const diversion = incoming.get(chloe)?.[0]?.diversion;
    expect(reasonOf(diversion)).toBe('unconditional');
    expect(diversion).toContain('sip:101@');
    await sleep(300);
    expect(brunoRings()).toBe(0);
    await hangUp(call);
  });

  it('immediate to voicemail: the mailbox answers, the caller is told why', async () => {
    await putRules(rules((r) => (r.immediate = { enabled: true, target: { kind: 'voicemail' }, window: null })));
    const call = await callBruno();
    expect(call.state).toBe(CallState.Established);
    expect(call.answeredByVoicemail).toBe(true);
    expect(call.divertedBecause).toBe('unconditional');
    expect(brunoRings()).toBe(0);
    await hangUp(call);
  });

  it('immediate within a weekly window forwards only inside it (server clock)', async () => {
    const now = clock.now();
    const window = { days: [1, 2, 3, 4, 5, 6, 7], start: hhmm(now - 3_600_000), end: hhmm(now + 3_600_000) };
    await putRules(rules((r) => (r.immediate = { enabled: true, target: { kind: 'number', number: '102' }, window })));
    behaviour.set(chloe, 'answer');
    const inside = await callBruno();
    expect(ringsOf(chloe)).toBe(1);
    expect(brunoRings()).toBe(0);
    await hangUp(inside);

    // three hours later the window is closed: Bruno's devices ring again
    clock.offsetMs = 3 * 3_600_000;
    incoming.clear();
    const outside = alice.engine.dial('101');
    await waitFor('Bruno rings', () => brunoRings() === 2, 10_000);
    expect(ringsOf(chloe)).toBe(0);
    await hangUp(outside);
  });

  it('immediate overrides do not disturb, busy and status-based rules', async () => {
    await putRules(
      rules((r) => {
        r.immediate = { enabled: true, target: { kind: 'number', number: '102' }, window: null };
        r.busy = { enabled: true, target: { kind: 'voicemail' } };
        r.byStatus.meeting = { kind: 'voicemail' };
      }),
    );
    await setPresence('dnd');
    behaviour.set(chloe, 'answer');
    const call = await callBruno();
    expect(call.answeredByVoicemail).toBe(false);
    expect(reasonOf(incoming.get(chloe)?.[0]?.diversion)).toBe('unconditional');
    await hangUp(call);
  });

  it('on no answer after 10 s: the devices ring, then the target, with reason no-answer', async () => {
    await putRules(
      rules((r) => (r.noAnswer = { enabled: true, target: { kind: 'number', number: '102' }, seconds: 10 })),
    );
    behaviour.set(chloe, 'answer');
    const call = alice.engine.dial('101');
    await waitFor('Bruno rings', () => brunoRings() === 2, 10_000);
    expect(ringsOf(chloe)).toBe(0);
    await waitFor('forwarded and answered', () => call.state === CallState.Established, 25_000);
    expect(ringsOf(chloe)).toBe(1);
    expect(reasonOf(incoming.get(chloe)?.[0]?.diversion)).toBe('no-answer');
    // Bruno's devices stopped ringing
    await waitFor(
      'Bruno no longer rings',
      () => (incoming.get(brunoDesk) ?? []).every((c) => c.call.state === CallState.Terminated),
      10_000,
    );
    await hangUp(call);
  });

  it('when busy: to voicemail with reason user-busy', async () => {
    await putRules(rules((r) => (r.busy = { enabled: true, target: { kind: 'voicemail' } })));
    behaviour.set(brunoDesk, 'busy');
    behaviour.set(brunoLaptop, 'busy');
    const call = await callBruno();
    expect(call.state).toBe(CallState.Established);
    expect(call.answeredByVoicemail).toBe(true);
    expect(call.divertedBecause).toBe('user-busy');
    expect(brunoRings()).toBe(2);
    await hangUp(call);
  });

  it('when busy, without a rule: the caller gets busy (nothing forwarded)', async () => {
    await putRules(rules(() => undefined));
    behaviour.set(brunoDesk, 'busy');
    behaviour.set(brunoLaptop, 'busy');
    const call = await callBruno();
    expect(call.state).toBe(CallState.Terminated);
    expect(ringsOf(chloe)).toBe(0);
  });

  it('simultaneous ring: the extra number rings with the devices, and may answer', async () => {
    await putRules(rules((r) => (r.alsoRing = { enabled: true, number: '102' })));
    const call = alice.engine.dial('101');
    await waitFor('all ring', () => brunoRings() === 2 && ringsOf(chloe) === 1, 10_000);
    await incoming.get(chloe)![0]!.call.answer();
    await waitFor('answered', () => call.state === CallState.Established, 10_000);
    await waitFor(
      'Bruno no longer rings',
      () =>
        [...(incoming.get(brunoDesk) ?? []), ...(incoming.get(brunoLaptop) ?? [])].every(
          (c) => c.call.state === CallState.Terminated,
        ),
      10_000,
    );
    await hangUp(call);
  });

  it('status-based: in a meeting to 102 (reason away), on vacation to voicemail; DND to voicemail', async () => {
    await putRules(
      rules((r) => {
        r.byStatus.meeting = { kind: 'number', number: '102' };
        r.byStatus.vacation = { kind: 'voicemail' };
      }),
    );
    behaviour.set(chloe, 'answer');
    await setPresence('meeting');
    const meeting = await callBruno();
    expect(reasonOf(incoming.get(chloe)?.[0]?.diversion)).toBe('away');
    await hangUp(meeting);

    await setPresence('vacation');
    speech.said.length = 0;
    const vacation = await callBruno();
    expect(vacation.answeredByVoicemail).toBe(true);
    expect(vacation.divertedBecause).toBe('away');
    // the caller is told the absence first, in French and English (SPEC B2)
    expect(speech.said).toEqual(['Bruno Müller est en congés.', 'Bruno Müller is on vacation.']);
    await hangUp(vacation);

    await setPresence('dnd');
    const dnd = await callBruno();
    expect(dnd.answeredByVoicemail).toBe(true);
    expect(dnd.divertedBecause).toBe('do-not-disturb');
    await hangUp(dnd);
    expect(brunoRings()).toBe(0);
    expect(ringsOf(chloe)).toBe(1);
  });

  it('CallMe (B5): in Office the CallMe number rings instead; busy there → the callee’s mailbox', async () => {
    await putRules(rules((r) => (r.callMe = { enabled: true, number: '102' })));
    // the route Kamailio gets: CallMe, then Bruno's mailbox after 60 s, when busy or not reachable
    const res = await fetch(`${stack.apiUrl}${CALL_ROUTE_PATH}?callee=101`, {
      headers: { 'x-uc-routing-secret': routingSecretOf(stack.ctx!.config) },
    });
    expect(await res.json()).toEqual({
      action: 'forward',
      target: '102',
      targetKind: 'internal',
      reason: 'follow-me',
      noAnswerTarget: 'vm101',
      noAnswerKind: 'voicemail',
      noAnswerSeconds: 60,
      busyTarget: 'vm101',
      busyKind: 'voicemail',
      unreachableTarget: 'vm101',
      unreachableKind: 'voicemail',
    });
    behaviour.set(chloe, 'busy');
    const call = await callBruno();
    expect(ringsOf(chloe)).toBe(1);
    expect(reasonOf(incoming.get(chloe)?.[0]?.diversion)).toBe('follow-me');
    expect(brunoRings()).toBe(0);
    expect(call.state).toBe(CallState.Established);
    expect(call.answeredByVoicemail).toBe(true);
    expect(call.divertedBecause).toBe('user-busy');
    await hangUp(call);
  });

  it('an external target without a trunk: the caller is told (503), nothing rings', async () => {
    await putRules(
      rules((r) => (r.immediate = { enabled: true, target: { kind: 'number', number: '+33612345678' }, window: null })),
    );
    const call = await callBruno();
    expect(call.state).toBe(CallState.Terminated);
    expect(brunoRings()).toBe(0);
  });

  it('a forwarded call is not forwarded again (101 → 102 → 101 does not loop)', async () => {
    await putRules(
      rules((r) => (r.immediate = { enabled: true, target: { kind: 'number', number: '102' }, window: null })),
    );
    const chloeAccount = await stack
      .ctx!.db.selectFrom('accounts')
      .select('id')
      .where('number', '=', '102')
      .executeTakeFirstOrThrow();
    const service = new ForwardingService({ db: stack.ctx!.db, clock, changes: stack.ctx!.changes });
    await service.set(
      chloeAccount.id,
      rules((r) => (r.immediate = { enabled: true, target: { kind: 'number', number: '101' }, window: null })),
    );
    try {
      behaviour.set(chloe, 'answer');
      const call = await callBruno();
      expect(call.state).toBe(CallState.Established);
      expect(ringsOf(chloe)).toBe(1);
      expect(brunoRings()).toBe(0);
      await hangUp(call);
    } finally {
      await service.set(
        chloeAccount.id,
        rules(() => undefined),
      );
    }
  });

  it('a forward to a colleague in do not disturb goes to their mailbox, not their phones', async () => {
    await putRules(
      rules((r) => (r.immediate = { enabled: true, target: { kind: 'number', number: '102' }, window: null })),
    );
    const chloeAccount = await stack
      .ctx!.db.selectFrom('accounts')
      .select('id')
      .where('number', '=', '102')
      .executeTakeFirstOrThrow();
    const presence = new PresenceService({ db: stack.ctx!.db, changes: stack.ctx!.changes, clock });
    await presence.set(chloeAccount.id, { state: 'dnd' });
    try {
      const call = await callBruno();
      expect(call.answeredByVoicemail).toBe(true);
      expect(call.divertedBecause).toBe('unconditional');
      expect(ringsOf(chloe)).toBe(0);
      expect(brunoRings()).toBe(0);
      await hangUp(call);
    } finally {
      await presence.set(chloeAccount.id, { state: 'office' });
    }
  });

  it('when not reachable (no device registered): to the target instead of 480, reason unavailable', async () => {
    await putRules(rules((r) => (r.unreachable = { enabled: true, target: { kind: 'number', number: '102' } })));
    await brunoDesk.engine.stop();
    await brunoLaptop.engine.stop();
    behaviour.set(chloe, 'answer');
    const call = await callBruno();
    expect(call.state).toBe(CallState.Established);
    expect(reasonOf(incoming.get(chloe)?.[0]?.diversion)).toBe('unavailable');
    await hangUp(call);
  });
});
