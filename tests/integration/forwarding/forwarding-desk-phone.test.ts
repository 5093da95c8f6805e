/**
 * Forwarding to a plain SIP desk phone (issue #12: every SIP feature works with
 * an independent client): 102 is baresip over UDP, the caller 100 and the
 * forwarding user 101 are WebSocket clients. Immediate forwarding (before the
 * lookup) and no-answer forwarding (a retarget in the failure route after the
 * per-call timer) both reach the phone with the Diversion reason (RFC 5806),
 * and rtpengine bridges the caller's WebRTC media to the phone's plain RTP,
 * audio both ways.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultForwardingRules, type ForwardingRules } from '../../../src-preload/contract/forwarding';
import { ForwardingService } from '../../../server/src/features/forwarding';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { BaresipClient, type BaresipEvent } from '../../support/baresip-client';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { makeSpeechWav } from '../../support/speech-wav';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Carla Caller' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Forwarder' },
  { number: '102', password: 'Welcome102!', displayName: 'Anna Deskphone' },
];

const work = mkdtempSync(join(tmpdir(), 'sb-fwd-desk-'));

/** The phone's microphone: espeak-ng speech at 8 kHz, ten times over (longer than any call here). */
function speechWav(): string {
  const once = join(work, 'speech-8k.wav');
  const long = join(work, 'speech-8k-x10.wav');
  execFileSync('sox', [makeSpeechWav(join(work, 'speech-22k.wav')), '-r', '8000', '-c', '1', '-b', '16', once]);
  execFileSync('sox', [once, long, 'repeat', '9']);
  return long;
}

describe('forwarding to a plain SIP desk phone (baresip over UDP)', () => {
  let stack: UcStack;
  let caller: TestPhone;
  let bruno: TestPhone;
  let desk: BaresipClient;
  let forwarding: ForwardingService;
  let brunoId: number;
  const seen = new Set<BaresipEvent>();
  let brunoRings = 0;

  const setRules = async (change: (r: ForwardingRules) => void): Promise<void> => {
    const rules = defaultForwardingRules('UTC');
    change(rules);
    await forwarding.set(brunoId, rules);
  };

  /** The phone rings (a new CALL_INCOMING), answers, and both sides get audio. */
  const answerAtDesk = async (call: Call, timeoutMs: number): Promise<void> => {
    const ringing = await desk.waitForEvent(
      'the desk phone rings',
      (e) => e.type === 'CALL_INCOMING' && !seen.has(e),
      timeoutMs,
    );
    seen.add(ringing);
    await desk.command('accept');
    await waitFor('the caller is connected', () => call.state === CallState.Established, 10_000);
    await waitFor(
      'the phone’s audio reaches the caller',
      () => (caller.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 25,
      10_000,
    );
    const mark = desk.heardMark();
    await sleep(1_500);
    expect(desk.heardAudio(mark).samples.length / 8000).toBeGreaterThan(0.5);
  };

  const hangUp = async (call: Call): Promise<void> => {
    await call.hangup().catch(() => undefined);
    await waitFor('over', () => call.state === CallState.Terminated, 10_000);
    const closed = await desk.waitForEvent('the phone hangs up', (e) => e.type === 'CALL_CLOSED' && !seen.has(e));
    seen.add(closed);
  };

  /** The Diversion header of the last INVITE the phone received. */
  const lastDiversion = (): string | undefined =>
    [...desk.output.matchAll(/INVITE sip:[^\n]*\n(?:[^\n]+\n)*?Diversion: ([^\n]+)/g)].at(-1)?.[1];

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    caller = createPhone(sip, '100');
    bruno = createPhone(sip, '101');
    for (const p of [caller, bruno]) expect((await p.engine.start()).status).toBe('registered');
    bruno.engine.onDidReceiveCall(() => (brunoRings += 1));
    desk = await BaresipClient.start({
      user: '102',
      password: await stack.sipPasswordOf('102'),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      // speech from a WAV (baresip's sine source wants 48 kHz), recorded to check what it hears
      audio: { wav: speechWav(), record: true },
      // not the proxy's own address: its aliases match every port of 127.0.0.1 (see desk-phone-media.test.ts)
      address: '127.0.0.2',
      sipTrace: true,
    });
    const ctx = stack.ctx!;
    forwarding = new ForwardingService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
    brunoId = (await ctx.db.selectFrom('accounts').select('id').where('number', '=', '101').executeTakeFirstOrThrow())
      .id;
  }, 60_000);

  afterAll(async () => {
    await desk?.stop();
    for (const p of [caller, bruno]) await p?.dispose();
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  beforeEach(() => {
    brunoRings = 0;
  });

  it('immediate: the desk phone rings at once with reason unconditional; audio both ways', async () => {
    await setRules((r) => (r.immediate = { enabled: true, target: { kind: 'number', number: '102' }, window: null }));
    const call = caller.engine.dial('101');
    await answerAtDesk(call, 10_000);
    expect(lastDiversion()).toMatch(/<sip:101@[^>]+>;\s*reason=unconditional/);
    expect(brunoRings).toBe(0);
    await hangUp(call);
  });

  it('no answer: Bruno’s app rings 10 s, then the desk phone with reason no-answer; audio both ways', async () => {
    await setRules((r) => (r.noAnswer = { enabled: true, target: { kind: 'number', number: '102' }, seconds: 10 }));
    const call = caller.engine.dial('101');
    await waitFor('Bruno rings', () => brunoRings === 1, 10_000);
    await answerAtDesk(call, 25_000);
    expect(lastDiversion()).toMatch(/<sip:101@[^>]+>;\s*reason=no-answer/);
    await hangUp(call);
  });
});
