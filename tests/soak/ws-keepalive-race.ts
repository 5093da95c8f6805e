/**
 * `npm run repro:ws-keepalive` — the root cause of issue #8, reproduced on
 * demand (needs gdb and Debian's kamailio 5.6 websocket module; not part of
 * `npm test`).
 *
 * Kamailio 5.6's WebSocket keep-alive (keepalive_mechanism 1, as shipped
 * before the fix) sends a PING from its keep-alive process and only then sets
 * `awaiting_pong = 1` (src/modules/websocket/ws_frame.c, ping_pong()). The
 * client's PONG is handled by another process (a TCP reader), which clears the
 * flag. When the keep-alive process is preempted between its write and its
 * store — which a loaded two-core machine does now and then — the PONG is
 * processed first, the flag stays set, and the next round logs
 * `ws_keepalive(): forcibly closing connection` for a client that answered
 * every PING. usrloc drops the user's binding with the connection
 * (handle_lost_tcp): callers get "not found" while the client still says
 * "Registered".
 *
 * Here the preemption is made certain: gdb holds the keep-alive process for
 * 300 ms at that store. With the old configuration the healthy connection is
 * closed and the user becomes unreachable; a client without its own
 * keep-alive (as before the fix) keeps saying "registered". With the shipped
 * configuration (no WebSocket PING; client OPTIONS keep-alive, usrloc
 * contact keep-alive, TCP keep-alive) nothing is closed and the user stays
 * reachable.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getFreePorts } from '../../server/stack/free-port';
import { KamailioProcess } from '../../server/stack/kamailio-process';
import { loadDemoUsers } from '../../server/src/features/accounts/demo-users';
import { createPhone, sleep } from '../support/engine-harness';

const WEBSOCKET_SO = '/usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so';
/** `mov 0x8(%rsp),%rcx; movl $0x1,0x4(%rcx)`: ping_pong()'s `wsc->awaiting_pong = 1` after the send. */
const FLAG_STORE = Buffer.from('488b4c2408c7410401000000', 'hex');
const OLD_WEBSOCKET_SETTINGS = [
  'modparam("websocket", "keepalive_mechanism", 1)',
  'modparam("websocket", "keepalive_timeout", 3)',
  'modparam("websocket", "keepalive_interval", 1)',
].join('\n');

async function scenario(label: string, oldConfig: boolean): Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), 'sb-wsr-'));
  const [wsPort, udpPort] = await getFreePorts(['tcp', 'udp']);
  const users = loadDemoUsers();
  const kamailio = new KamailioProcess({
    runDir,
    wsPort: wsPort!,
    udpPort: udpPort!,
    users,
    // the WebSocket settings as they were (30 s timeout then; 3 s to see it sooner)
    ...(oldConfig
      ? {
          configTransform: (cfg: string) =>
            cfg.replace('modparam("websocket", "keepalive_mechanism", 0)', OLD_WEBSOCKET_SETTINGS),
        }
      : {}),
  });
  let gdb: ChildProcess | undefined;
  const phones = [] as Array<ReturnType<typeof createPhone>>;
  try {
    await kamailio.start();
    gdb = holdKeepAliveProcess(kamailio);
    await sleep(2_000); // gdb attached
    const k = { wsUrl: kamailio.wsUrl, domain: kamailio.domain, users };
    // the callee as clients were before the fix: no keep-alive of their own
    const callee = createPhone(k, '101', { keepAlive: false, watchBinding: false });
    const caller = createPhone(k, '100');
    phones.push(callee, caller);
    await callee.engine.start();
    await caller.engine.start();
    // sample the registrar's view of 101 for 12 s
    let samples = 0;
    let absent = 0;
    const until = Date.now() + 12_000;
    while (Date.now() < until) {
      samples += 1;
      const dump = execFileSync('kamcmd', ['-s', `unix:${kamailio.ctlSocket}`, 'ul.dump'], { encoding: 'utf8' });
      if (!dump.includes('AoR: 101')) absent += 1;
      await sleep(100);
    }
    const log = readFileSync(kamailio.logPath, 'utf8');
    const forced = (log.match(/forcibly closing connection/g) ?? []).length;
    const bound = execFileSync('kamcmd', ['-s', `unix:${kamailio.ctlSocket}`, 'ul.dump'], {
      encoding: 'utf8',
    }).includes('AoR: 101');
    const call = caller.engine.dial('101');
    let rang = false;
    callee.engine.onDidReceiveCall(() => (rang = true));
    for (let i = 0; i < 50 && !rang && call.state !== 'terminated'; i++) await sleep(100);
    console.log(`\n${label}`);
    console.log(`  Kamailio "forcibly closing connection":  ${forced}`);
    console.log(`  binding of 101 at the registrar:        ${bound ? 'present' : 'GONE'}`);
    console.log(`  time 101 had no binding (sampled):      ${((100 * absent) / samples).toFixed(0)} %`);
    console.log(
      `  client 101 reconnects / re-REGISTERs:   ${callee.engine.registrationCounters.reconnects} / ${callee.engine.registrationCounters.registrations - 1}`,
    );
    console.log(`  client 101 says:                        ${callee.engine.registration.status}`);
    console.log(
      `  a call to 101:                          ${rang ? 'rang' : `did not ring (${call.endReason ?? 'no answer'})`}`,
    );
    await call.hangup().catch(() => undefined);
  } finally {
    for (const p of phones) await p.dispose().catch(() => undefined);
    gdb?.kill('SIGKILL');
    await kamailio.stop().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** Attaches gdb to Kamailio's WebSocket keep-alive process and holds it 300 ms after each PING is written. */
function holdKeepAliveProcess(kamailio: KamailioProcess): ChildProcess | undefined {
  const psx = execFileSync('kamcmd', ['-s', `unix:${kamailio.ctlSocket}`, 'core.psx'], { encoding: 'utf8' });
  const pid = /(\d+)\s*\n\s*DSC: WEBSOCKET KEEPALIVE/.exec(psx)?.[1];
  if (!pid) return undefined; // no WebSocket keep-alive process: nothing to race
  const offset = readFileSync(WEBSOCKET_SO).indexOf(FLAG_STORE);
  if (offset < 0) throw new Error(`this ${WEBSOCKET_SO} is not the build this script knows (Debian 5.6.3)`);
  const map = readFileSync(`/proc/${pid}/maps`, 'utf8')
    .split('\n')
    .find((line) => line.includes('websocket.so'));
  const base = parseInt(map!.split('-')[0]!, 16);
  const address = `0x${(base + offset + 5).toString(16)}`;
  const script = join(kamailio.runDir, 'gdb.cmd');
  writeFileSync(
    script,
    `set pagination off\nbreak *${address}\ncommands\nsilent\nshell sleep 0.3\ncontinue\nend\ncontinue\n`,
  );
  return spawn('gdb', ['-q', '-batch', '-p', pid, '-x', script], { stdio: 'ignore' });
}

await scenario('Before the fix (WebSocket PING keep-alive, client without keep-alive):', true);
await scenario('Shipped configuration (no WebSocket PING; OPTIONS and TCP keep-alives):', false);
process.exit(0);
