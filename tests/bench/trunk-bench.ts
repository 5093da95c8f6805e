/**
 * Trunk call setup bench (issue #12): an app user (werift SIP client over
 * WebSocket) dials an external number → Kamailio asks the UC server
 * (trunk-out), rewrites the call for the trunk and relays it → the carrier
 * (raw UDP endpoint on 127.0.0.2) challenges it (407) → Kamailio answers with
 * the trunk's credentials (uac_auth) → the authenticated INVITE reaches the
 * carrier; then the carrier's final answer reaches the caller. Then with a
 * real baresip as the carrier (IP trust, answered through its ctrl_tcp as soon
 * as it rings, media bridged by rtpengine): dial → established. Figures only.
 *
 *   npx tsx tests/tools/with-test-tls.ts tests/bench/trunk-bench.ts      (BENCH_TRUNK_RUNS=30)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDid, addTrunk, readDialPlanSettings, removeTrunk } from '../../server/src/features/trunks';
import { BaresipClient } from '../support/baresip-client';
import { CallState } from '../../src-main/core/features/calls/sip/call-state';
import { createPhone, waitFor } from '../support/engine-harness';
import { SipCarrier } from '../support/sip-carrier';
import { startUcStack } from '../support/uc-stack-fixture';
import { figure, type PopupBenchFigure } from './popup-bench';

export async function runTrunkBench(
  runs = Number(process.env['BENCH_TRUNK_RUNS'] ?? 30),
): Promise<{ atCarrier: PopupBenchFigure; answered: PopupBenchFigure; established: PopupBenchFigure }> {
  if (!Number.isInteger(runs) || runs < 20) throw new Error('runTrunkBench needs at least 20 calls');
  const stack = await startUcStack({ withVoicemail: false });
  const credentials = { username: 'bench', password: 'Bench-Secret-1', realm: 'carrier.example' };
  const carrier = await SipCarrier.start({ credentials });
  const caller = createPhone(
    { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() },
    '100',
  );
  try {
    const db = stack.ctx!.db;
    await addTrunk(
      db,
      { name: 'bench', address: `${carrier.host}:${carrier.port}`, ...credentials, sources: [carrier.host] },
      Date.now(),
    );
    await addDid(db, { did: '+33123456789', account: '100' }, await readDialPlanSettings(db), Date.now());
    if ((await caller.engine.start()).status !== 'registered') throw new Error('the bench phone did not register');
    const atCarrier: number[] = [];
    const answered: number[] = [];
    const warmup = 2;
    for (let i = 0; i < runs + warmup; i++) {
      const before = carrier.invites.length;
      const dialedAt = performance.now();
      const call = caller.engine.dial('+33612345678');
      await waitFor('call over', () => call.state === CallState.Terminated, 10_000, 1);
      const endedAt = performance.now();
      const invite = carrier.invites.slice(before).find((inv) => inv.authenticated);
      if (invite === undefined) throw new Error('no authenticated INVITE reached the carrier');
      if (i >= warmup) {
        atCarrier.push(invite.at - dialedAt);
        answered.push(endedAt - dialedAt);
      }
    }
    const a = figure(atCarrier);
    const b = figure(answered);
    const line = (label: string, f: PopupBenchFigure): string =>
      `${label.padEnd(48)} median ${f.median.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  min ${f.min.toFixed(1)}  max ${f.max.toFixed(1)}  n=${runs}`;
    console.log(line('trunk: dial -> authenticated INVITE at carrier', a));
    console.log(line("trunk: dial -> carrier's answer at the caller", b));

    // a real carrier that answers: baresip on 127.0.0.2 (its user is the number dialed)
    const work = mkdtempSync(join(tmpdir(), 'sb-trunk-bench-'));
    const tone = join(work, 'tone-8k.wav');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', tone, 'synth', '60', 'sine', '440']);
    const answering = await BaresipClient.start({
      user: '+33612345678',
      password: '',
      domain: '127.0.0.2',
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      // a G.711 call runs at 8 kHz: a WAV tone (baresip 1.0's ausine plays 48 kHz only)
      audio: { wav: tone },
      address: '127.0.0.2',
      register: false,
    });
    try {
      await removeTrunk(db, 'bench');
      await addTrunk(
        db,
        { name: 'bench-baresip', address: `127.0.0.2:${answering.sipPort}`, sources: ['127.0.0.2'] },
        Date.now(),
      );
      const established: number[] = [];
      for (let i = 0; i < runs + warmup; i++) {
        const rings = answering.events.filter((e) => e.type === 'CALL_INCOMING').length;
        const closed = answering.events.filter((e) => e.type === 'CALL_CLOSED').length;
        const dialedAt = performance.now();
        const call = caller.engine.dial('+33612345678');
        await waitFor(
          'carrier rings',
          () => answering.events.filter((e) => e.type === 'CALL_INCOMING').length > rings,
          10_000,
          1,
        );
        await answering.command('accept');
        await waitFor(
          'established',
          () => call.state === CallState.Established,
          10_000,
          1,
          () => `${call.state} ${answering.output.slice(-1500)}`,
        );
        if (i >= warmup) established.push(performance.now() - dialedAt);
        await call.hangup();
        await waitFor(
          'carrier hung up',
          () => answering.events.filter((e) => e.type === 'CALL_CLOSED').length > closed,
          10_000,
        );
      }
      const c = figure(established);
      console.log(line('trunk: dial -> established (baresip carrier, rtpengine)', c));
      return { atCarrier: a, answered: b, established: c };
    } finally {
      await answering.stop();
      rmSync(work, { recursive: true, force: true });
    }
  } finally {
    await caller.dispose();
    carrier.close();
    await stack.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runTrunkBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
