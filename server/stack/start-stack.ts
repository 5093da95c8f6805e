import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UC_API_DEFAULT_PORT } from '../../src-preload/contract/platform';
import { seedDemoConference, seedDemoUsers } from '../src/app/seed-demo';
import { ConferenceAgent } from '../src/features/conferences';
import { resolveServerConfig } from '../src/platform/config';
import { startUcServer, type RunningUcServer } from '../src/app/uc-server';
import { VoicemailAgent } from '../src/features/voicemail';
import { callRoutingFor } from '../src/features/routing';
import { kamailioSecretOf } from '../src/platform/kamailio-secret';
import { loadDemoUsers, type DemoUser } from '../src/features/accounts';
import { JanusProcess } from './janus-process';
import { KamailioProcess } from './kamailio-process';
import { RtpengineProcess } from './rtpengine-process';
import { ensureSelfSignedCert, type TlsFiles } from './tls-cert';

/** Repository root (server/stack/../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Default dev ports; tests never use them (they take random free ports). */
export const DEFAULT_STACK_PORTS = {
  ws: 8080,
  wss: 8443,
  udp: 5060,
  sipTls: 5061,
  api: UC_API_DEFAULT_PORT,
  janus: 8188,
} as const;

/** Options of {@link startStack}; everything has a dev default. */
export interface StackOptions {
  /** Default `<repo>/.stack` (gitignored). */
  readonly runDir?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly wsPort?: number;
  /** null = no WSS listener. Default 8443. */
  readonly wssPort?: number | null;
  /** SIP over UDP and TCP (desk phones). Default 5060. */
  readonly udpPort?: number;
  /** SIP over TLS (desk phones, the host's certificate). null = none. Default 5061. */
  readonly sipTlsPort?: number | null;
  /** UC server HTTPS port. Default 8802. */
  readonly apiPort?: number;
  /** UC server database. Default `sqlite:<runDir>/uc-server.sqlite` (kept across starts). */
  readonly database?: string;
  /** Default server/kamailio/demo-users.json. */
  readonly users?: readonly DemoUser[];
  /** Kamailio `debug=` level. Default 2 (info). */
  readonly debugLevel?: number;
  /** Janus HTTP API port (conference engine, loopback only). Default 8188. */
  readonly janusPort?: number;
}

/** The dev stack's RTP ports (rtpengine), kept across runs when free: 1000 ports, about 250 bridged calls. */
export const DEFAULT_STACK_RTP_PORTS = { min: 21_000, count: 1_000 } as const;

/** A running dev stack: the UC server + Kamailio authenticating against its accounts. */
export interface RunningStack {
  /** `https://127.0.0.1:8802/api/v1` */
  readonly apiUrl: string;
  /** SHA-256 fingerprint of the host's self-signed certificate (API and WSS), what clients pin (SPEC A1) */
  readonly certificateFingerprint: string;
  /** the host's certificate files (`<runDir>/tls`) */
  readonly tls: TlsFiles;
  /** `127.0.0.1:8802` — what a user types as server in the login screen */
  readonly serverAddress: string;
  readonly ucServer: RunningUcServer;
  /** plain SIP WebSocket on the loopback (the server's own voicemail agent, SIP-level tests) */
  readonly wsUrl: string;
  /** what the UC server provisions to clients (issue 10: encrypted by default) */
  readonly wssUrl: string | undefined;
  /** SIP domain the client uses = server host. */
  readonly domain: string;
  readonly users: readonly DemoUser[];
  readonly runDir: string;
  readonly kamailio: KamailioProcess;
  /** The media relay between WebRTC and plain SIP devices (issue #12). */
  readonly rtpengine: RtpengineProcess;
  /** The voicemail service (SPEC H); undefined with PostgreSQL (see server/README.md). */
  readonly voicemail: VoicemailAgent | undefined;
  /** The conference engine (Janus AudioBridge) and service (issue #14); undefined with PostgreSQL, like voicemail. */
  readonly conferences: { readonly janus: JanusProcess; readonly agent: ConferenceAgent } | undefined;
  /** Stops every server of the stack; idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the dev SIP stack (used by `npm run stack` and `npm run demo`).
 * Fails with a clear message if a port is taken or another launcher runs a
 * stack in the same runDir. An orphaned Kamailio left over by an earlier run in
 * the same runDir (e.g. after the launcher was SIGKILLed) is stopped first, so
 * the ports can be reused.
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const runDir = resolve(options.runDir ?? join(REPO_ROOT, '.stack'));
  const host = options.host ?? '127.0.0.1';
  const wsPort = options.wsPort ?? DEFAULT_STACK_PORTS.ws;
  const wssPort = options.wssPort === null ? undefined : (options.wssPort ?? DEFAULT_STACK_PORTS.wss);
  const udpPort = options.udpPort ?? DEFAULT_STACK_PORTS.udp;
  const sipTlsPort = options.sipTlsPort === null ? undefined : (options.sipTlsPort ?? DEFAULT_STACK_PORTS.sipTls);
  const users = options.users ?? loadDemoUsers();
  const apiPort = options.apiPort ?? DEFAULT_STACK_PORTS.api;
  const database = options.database ?? `sqlite:${join(runDir, 'uc-server.sqlite')}`;

  await stopStaleKamailio(runDir);
  await assertPortFree('tcp', host, apiPort, 'UC server API');
  await assertPortFree('tcp', host, wsPort, 'WebSocket');
  if (wssPort !== undefined) await assertPortFree('tcp', host, wssPort, 'secure WebSocket');
  await assertPortFree('udp', host, udpPort, 'SIP UDP');
  await assertPortFree('tcp', host, udpPort, 'SIP TCP');
  if (sipTlsPort !== undefined) await assertPortFree('tcp', host, sipTlsPort, 'SIP TLS');
  const janusPort = options.janusPort ?? DEFAULT_STACK_PORTS.janus;
  await assertPortFree('tcp', host, janusPort, 'Janus API');

  // one self-signed certificate for the host: the UC API and Kamailio's WSS listener serve it
  const tls = ensureSelfSignedCert(join(runDir, 'tls'), [host]);
  // the UC server first: it creates/migrates the db whose `subscriber` Kamailio reads
  const config = resolveServerConfig({
    host,
    port: apiPort,
    database,
    dataDir: runDir,
    // clients get wss:// (ws:// only when the WSS listener is turned off, on the loopback)
    sipWsUrl: wssPort !== undefined ? `wss://${host}:${wssPort}` : `ws://${host}:${wsPort}`,
    sipDomain: host,
    tlsCert: tls.certPath,
    tlsKey: tls.keyPath,
    // Kamailio's call-routing queries: plain HTTP on 127.0.0.1, any free port
    internalPort: 0,
    // Kamailio's JSON-RPC: presence PIDF for plain SIP watchers; busy lamps read registrations and calls
    kamailioRpcUrl: `http://${host}:${wsPort}/RPC`,
  });
  const ucServer = await startUcServer(config, {
    prepare: async (ctx) => {
      await seedDemoUsers(ctx, users);
      await seedDemoConference(ctx, users);
    },
  });
  // before Kamailio, which sends it the offers of calls between WebRTC and plain SIP devices
  const rtpengine = new RtpengineProcess({
    runDir,
    host,
    rtpPorts: DEFAULT_STACK_RTP_PORTS.count,
    preferredRtpPortMin: DEFAULT_STACK_RTP_PORTS.min,
  });
  try {
    await rtpengine.start();
  } catch (error) {
    await ucServer.close();
    throw error;
  }
  const sqlitePath = database.startsWith('sqlite:') ? resolve(database.slice('sqlite:'.length)) : undefined;
  const kamailio = new KamailioProcess({
    runDir,
    host,
    wsPort,
    udpPort,
    wssPort,
    sipTlsPort,
    tlsDir: join(runDir, 'tls'),
    users,
    // PostgreSQL mode: Kamailio keeps its own seeded subscriber table (see server/README.md)
    authDbPath: sqlitePath,
    debugLevel: options.debugLevel ?? 2,
    callRouting: callRoutingFor(ucServer.ctx.config, internalApiUrlOf(ucServer)),
    rpcSecret: kamailioSecretOf(ucServer.ctx.config, 'json-rpc'),
    rtpengineSocket: rtpengine.ngSocket,
  });
  try {
    await kamailio.start();
  } catch (error) {
    await rtpengine.stop();
    await ucServer.close();
    throw error;
  }
  // the voicemail service registers with Kamailio (SPEC H); PostgreSQL mode: Kamailio does not
  // read the server's subscriber table, so the service cannot authenticate and is not started
  let voicemail: VoicemailAgent | undefined;
  if (sqlitePath !== undefined) {
    voicemail = new VoicemailAgent(ucServer.ctx, { wsUrl: kamailio.wsUrl, domain: kamailio.domain });
    try {
      await voicemail.start();
    } catch (error) {
      await kamailio.stop();
      await rtpengine.stop();
      await ucServer.close();
      throw error;
    }
  }
  // the conference engine and service (issue #14): same condition as voicemail (a SIP agent)
  let conferences: RunningStack['conferences'];
  if (sqlitePath !== undefined) {
    const janus = new JanusProcess({ runDir: join(runDir, 'janus'), host, httpPort: janusPort });
    let agent: ConferenceAgent | undefined;
    try {
      await janus.start();
      agent = new ConferenceAgent(ucServer.ctx, {
        wsUrl: kamailio.wsUrl,
        domain: kamailio.domain,
        janus: { apiUrl: janus.apiUrl, apiSecret: janus.apiSecret, adminKey: janus.adminKey },
      });
      await agent.start();
    } catch (error) {
      await agent?.stop();
      await janus.stop();
      await voicemail?.stop();
      await kamailio.stop();
      await rtpengine.stop();
      await ucServer.close();
      throw error;
    }
    conferences = { janus, agent };
  }
  let stopping: Promise<void> | undefined;
  return {
    apiUrl: ucServer.apiUrl,
    certificateFingerprint: ucServer.certificateFingerprint,
    tls,
    serverAddress: ucServer.serverAddress,
    ucServer,
    wsUrl: kamailio.wsUrl,
    wssUrl: kamailio.wssUrl,
    domain: kamailio.domain,
    users,
    runDir,
    kamailio,
    rtpengine,
    voicemail,
    conferences,
    stop() {
      stopping ??= (async () => {
        try {
          await conferences?.agent.stop();
          await conferences?.janus.stop();
          await voicemail?.stop();
          await kamailio.stop();
          await rtpengine.stop();
        } finally {
          await ucServer.close();
        }
      })();
      return stopping;
    },
  };
}

/** The internal listener's API URL (startStack always configures one). */
export function internalApiUrlOf(server: RunningUcServer): string {
  if (server.internalApiUrl === undefined) throw new Error('the UC server has no internal listener (internalPort)');
  return server.internalApiUrl;
}

async function assertPortFree(kind: 'tcp' | 'udp', host: string, port: number, what: string): Promise<void> {
  const error = await tryBind(kind, host, port);
  if (error) {
    throw new Error(
      `${what} port ${kind} ${host}:${port} is not available (${error}). ` +
        'Another `npm run stack`/`npm run demo` or a SIP server may be running; stop it or choose other ports.',
    );
  }
}

function tryBind(kind: 'tcp' | 'udp', host: string, port: number): Promise<string | undefined> {
  return new Promise((resolveBind) => {
    if (kind === 'tcp') {
      const server = createServer();
      server.once('error', (error: NodeJS.ErrnoException) => resolveBind(error.code ?? error.message));
      server.listen(port, host, () => server.close(() => resolveBind(undefined)));
    } else {
      const socket = createSocket('udp4');
      socket.once('error', (error: NodeJS.ErrnoException) => {
        socket.close();
        resolveBind(error.code ?? error.message);
      });
      socket.bind(port, host, () => socket.close(() => resolveBind(undefined)));
    }
  });
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ..."
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Stops an orphaned Kamailio (launcher gone) whose pid file is in runDir and whose command line uses runDir's config. */
async function stopStaleKamailio(runDir: string): Promise<void> {
  const pidPath = join(runDir, 'kamailio.pid');
  if (!existsSync(pidPath)) return;
  const pid = Number(readFileSync(pidPath, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // not running
  }
  // only our own Kamailio of this runDir, never an unrelated process reusing the pid
  if (!cmdline.includes('kamailio') || !cmdline.includes(join(runDir, 'kamailio.cfg'))) return;
  // a launcher that still runs owns it: do not steal its stack
  const parent = parentPid(pid);
  if (parent !== undefined && parent !== 1 && existsSync(`/proc/${parent}`)) {
    throw new Error(
      `A dev stack is already running from ${runDir} (Kamailio pid ${pid}, launcher pid ${parent}). ` +
        'Stop it first (Ctrl+C in its terminal) or use another runDir.',
    );
  }
  process.stderr.write(`Stopping a Kamailio left over by an earlier run (pid ${pid})\n`);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  // bounded wait, then SIGKILL its process group (it was started detached)
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(`/proc/${pid}`)) return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
}
