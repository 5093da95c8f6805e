import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadDemoUsers, type DemoUser } from '../../server/src/features/accounts/demo-users';
import { findAccountByNumber, sipSecretOf } from '../../server/src/features/accounts';
import { getFreePorts } from '../../server/stack/free-port';
import { KamailioProcess } from '../../server/stack/kamailio-process';
import { RtpengineProcess } from '../../server/stack/rtpengine-process';
import { internalApiUrlOf } from '../../server/stack/start-stack';
import type { TlsFiles } from '../../server/stack/tls-cert';
import { testTls } from './test-tls';
import { seedDemoUsers } from '../../server/src/app/seed-demo';
import { resolveServerConfig, type ServerConfig } from '../../server/src/platform/config';
import type { Clock, ServerContext } from '../../server/src/platform/server-context';
import { startUcServer, type RunningUcServer } from '../../server/src/app/uc-server';
import { VoicemailAgent, type VoicemailAgentOptions } from '../../server/src/features/voicemail/voicemail-agent';
import { callRoutingFor } from '../../server/src/features/routing/routing-routes';
import { kamailioSecretOf } from '../../server/src/platform/kamailio-secret';
import { startPostgres, type PostgresFixture } from './postgres-fixture';
import { JanusProcess } from '../../server/stack/janus-process';
import { ConferenceAgent, type ConferenceAgentOptions } from '../../server/src/features/conferences';

/** Options of {@link startUcStack}. */
export interface UcStackOptions {
  /** Default 'sqlite'. With 'postgres', Kamailio keeps its own subscriber table (no HA1 link). */
  readonly database?: 'sqlite' | 'postgres';
  /** Start Kamailio too (default true); false = UC server only (faster API tests). */
  readonly withKamailio?: boolean;
  /** Accounts to seed; default server/kamailio/demo-users.json. */
  readonly users?: readonly DemoUser[];
  /** Injected clock (token expiry, backoff tests). */
  readonly clock?: Clock;
  /** Start the voicemail service (SPEC H) too; default: with Kamailio on SQLite. */
  readonly withVoicemail?: boolean;
  /** Config overrides, e.g. { accessTokenTtlMs, login: {...} }. */
  readonly config?: Partial<ServerConfig>;
  /** usrloc's OPTIONS ping of every contact (default 15 s / 30 s; reachability tests and the soak scale it down). */
  readonly contactKeepAlive?: { readonly intervalS: number; readonly timeoutS: number };
  /** Turns the server's request log on, written to this stream (what an administrator's log would hold). */
  readonly logStream?: NodeJS.WritableStream;
  /**
   * Start Janus (AudioBridge) and the conference service too (issue #14); default false: only
   * the conference tests pay for the engine.
   */
  readonly withConferences?: boolean;
  /** Options of the conference service (e.g. a shorter PIN timeout). */
  readonly conferences?: Partial<Omit<ConferenceAgentOptions, 'wsUrl' | 'domain' | 'janus'>>;
  /** Options of the voicemail service (e.g. a faster keep-alive). */
  readonly voicemail?: Partial<Omit<VoicemailAgentOptions, 'wsUrl' | 'domain'>>;
  /**
   * The certificate of the API and of Kamailio's WSS listener. Default the
   * shared test certificate, which the test processes trust ({@link testTls});
   * a certificate-trust test passes one nobody trusts.
   */
  readonly tls?: TlsFiles;
  /** Browser origins Kamailio lets open SIP over WebSocket (the bench's plain sip.js peer page). */
  readonly wsAllowedOrigins?: readonly string[];
}

/** A UC server + Kamailio on random 127.0.0.1 ports, in temp dirs. */
export interface UcStack {
  /** `https://127.0.0.1:PORT/api/v1` */
  readonly apiUrl: string;
  /** SHA-256 fingerprint of the certificate the server serves now (see startServer's `tls`) */
  readonly certificateFingerprint: string;
  /** `127.0.0.1:PORT` — what a user types in the login field */
  readonly serverAddress: string;
  readonly kamailio: {
    /** cleartext SIP WebSocket on the loopback (SIP-level tests, the voicemail service) */
    readonly wsUrl: string;
    /** what the UC server provisions to clients (same certificate as the API) */
    readonly wssUrl: string;
    readonly domain: string;
    readonly process: KamailioProcess;
    /**
     * The media relay between WebRTC and plain SIP devices (issue #12), started with Kamailio and
     * always on: calls between a WebRTC app and a plain phone go through it (ng `list` in tests:
     * `rtpengine.callIds()`).
     */
    readonly rtpengine: RtpengineProcess;
    kill(): Promise<void>;
    restart(): Promise<void>;
  };
  readonly users: readonly DemoUser[];
  /** Janus and the conference service (with `withConferences`), else undefined. */
  readonly conferences: { readonly janus: JanusProcess; readonly agent: ConferenceAgent } | undefined;
  /**
   * The account's SIP password as the server provisions it (issue #10: a secret of
   * the account, not its password) — for tests that speak SIP without logging in.
   */
  sipPasswordOf(number: string): Promise<string>;
  /** {@link users} with their SIP passwords, for `createPhone` and other plain SIP clients. */
  sipUsers(): Promise<DemoUser[]>;
  readonly databaseUrl: string;
  /** Context of the running server (undefined while stopped). */
  readonly ctx: ServerContext | undefined;
  /** Stops the UC server (HTTP + db); Kamailio keeps running. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and database (with another certificate if `tls` is given). */
  startServer(options?: { tls?: TlsFiles }): Promise<void>;
  /** Stops everything and removes the temp dirs; idempotent. */
  stop(): Promise<void>;
}

/** Alias of {@link UcStack}. */
export type UcStackFixture = UcStack;

/**
 * Starts a fresh UC server (SQLite in a temp dir, or a throwaway PostgreSQL
 * cluster) seeded with the demo users, and a Kamailio whose auth_db reads the
 * server's SQLite database. Call in beforeAll; stop() in afterAll.
 */
export async function startUcStack(options: UcStackOptions = {}): Promise<UcStack> {
  const users = options.users ?? loadDemoUsers();
  // short prefix: Kamailio's ctl unix socket path inside must stay < 108 bytes
  const runDir = mkdtempSync(join(tmpdir(), 'sb-uc-'));
  let postgres: PostgresFixture | undefined;
  let server: RunningUcServer | undefined;
  let kamailio: KamailioProcess | undefined;
  let rtpengine: RtpengineProcess | undefined;
  let voicemail: VoicemailAgent | undefined;
  let janus: JanusProcess | undefined;
  let conferenceAgent: ConferenceAgent | undefined;
  const cleanup = async (): Promise<void> => {
    await conferenceAgent?.stop().catch(() => undefined);
    await janus?.stop().catch(() => undefined);
    await voicemail?.stop().catch(() => undefined);
    await kamailio?.stop().catch(() => undefined);
    await rtpengine?.stop().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await postgres?.stop();
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    let databaseUrl: string;
    if (options.database === 'postgres') {
      postgres = await startPostgres();
      databaseUrl = await postgres.createDatabase();
    } else {
      databaseUrl = `sqlite:${join(runDir, 'uc-server.sqlite')}`;
    }
    const [apiPort, wsPort, wssPort, udpPort, sipTlsPort] = await getFreePorts(['tcp', 'tcp', 'tcp', 'udp', 'tcp']);
    const tls = options.tls ?? testTls();
    const config = resolveServerConfig(
      {
        host: '127.0.0.1',
        port: apiPort,
        database: databaseUrl,
        dataDir: runDir,
        // clients get WSS, like in production (issue 10)
        sipWsUrl: `wss://127.0.0.1:${wssPort}`,
        sipDomain: '127.0.0.1',
        tlsCert: tls.certPath,
        tlsKey: tls.keyPath,
        internalPort: 0,
        // Kamailio's JSON-RPC: presence PIDF for SIP watchers, busy lamps' reconcile
        kamailioRpcUrl: (options.withKamailio ?? true) ? `http://127.0.0.1:${wsPort}/RPC` : undefined,
      },
      { tokenSecret: randomBytes(32), ...options.config },
    );
    // the internal listener keeps its first port across restarts: Kamailio's routing URL names it
    let internalPort = 0;
    const start = (seed: boolean, certificate: TlsFiles = tls): Promise<RunningUcServer> =>
      startUcServer(
        { ...config, internalPort, tls: { certPath: certificate.certPath, keyPath: certificate.keyPath } },
        {
          ...(options.clock ? { clock: options.clock } : {}),
          ...(options.logStream ? { logger: true, logStream: options.logStream } : {}),
          ...(seed ? { prepare: async (ctx: ServerContext) => void (await seedDemoUsers(ctx, users)) } : {}),
        },
      );
    server = await start(true);
    const running = server;
    internalPort = Number(new URL(internalApiUrlOf(running)).port);
    if (options.withKamailio ?? true) {
      rtpengine = new RtpengineProcess({ runDir: join(runDir, 'rtpengine') });
      await rtpengine.start();
      kamailio = new KamailioProcess({
        runDir: join(runDir, 'kamailio'),
        host: '127.0.0.1',
        wsPort: wsPort!,
        wssPort: wssPort!,
        // SIP over TCP on udpPort too (a free UDP port is nearly always free in TCP on the loopback)
        sipTlsPort: sipTlsPort!,
        tlsDir: dirname(tls.certPath),
        udpPort: udpPort!,
        users,
        authDbPath: databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : undefined,
        ...(options.contactKeepAlive ? { contactKeepAlive: options.contactKeepAlive } : {}),
        callRouting: callRoutingFor(config, internalApiUrlOf(running)),
        rpcSecret: kamailioSecretOf(config, 'json-rpc'),
        rtpengineSocket: rtpengine.ngSocket,
        wsAllowedOrigins: options.wsAllowedOrigins,
      });
      await kamailio.start();
    }
    const withVoicemail = options.withVoicemail ?? (kamailio !== undefined && databaseUrl.startsWith('sqlite:'));
    const startVoicemail = async (ctx: ServerContext): Promise<void> => {
      voicemail = new VoicemailAgent(ctx, {
        ...options.voicemail,
        wsUrl: `ws://127.0.0.1:${wsPort}`,
        domain: '127.0.0.1',
      });
      await voicemail.start();
    };
    if (withVoicemail) await startVoicemail(running.ctx);
    const startConferences = async (ctx: ServerContext): Promise<void> => {
      if (!janus) {
        const [httpPort] = await getFreePorts(['tcp']);
        janus = new JanusProcess({ runDir: join(runDir, 'janus'), httpPort: httpPort! });
        await janus.start();
      }
      conferenceAgent = new ConferenceAgent(ctx, {
        ...options.conferences,
        wsUrl: `ws://127.0.0.1:${wsPort}`,
        domain: '127.0.0.1',
        janus: { apiUrl: janus.apiUrl, apiSecret: janus.apiSecret, adminKey: janus.adminKey },
      });
      await conferenceAgent.start();
    };
    if (options.withConferences) await startConferences(running.ctx);
    const kam = kamailio;
    const rtp = rtpengine;
    let stopped = false;
    const sipPasswordOf = async (number: string): Promise<string> => {
      const ctx = server?.ctx;
      if (!ctx) throw new Error('the UC server is stopped');
      const account = await findAccountByNumber(ctx.db, number);
      if (!account) throw new Error(`no account ${number}`);
      return sipSecretOf(ctx, account);
    };
    return {
      apiUrl: running.apiUrl,
      get certificateFingerprint() {
        if (!server) throw new Error('UC stack: the server is stopped');
        return server.certificateFingerprint;
      },
      serverAddress: running.serverAddress,
      kamailio: {
        wsUrl: `ws://127.0.0.1:${wsPort}`,
        wssUrl: `wss://127.0.0.1:${wssPort}`,
        domain: '127.0.0.1',
        get process(): KamailioProcess {
          if (!kam) throw new Error('UC stack started withKamailio: false');
          return kam;
        },
        get rtpengine(): RtpengineProcess {
          if (!rtp) throw new Error('UC stack started withKamailio: false');
          return rtp;
        },
        kill: async () => kam?.kill(),
        restart: async () => kam?.restart(),
      },
      users,
      get conferences() {
        return janus && conferenceAgent ? { janus, agent: conferenceAgent } : undefined;
      },
      sipPasswordOf,
      async sipUsers() {
        return Promise.all(users.map(async (u) => ({ ...u, password: await sipPasswordOf(u.number) })));
      },
      databaseUrl,
      get ctx() {
        return server?.ctx;
      },
      async stopServer() {
        await conferenceAgent?.stop();
        conferenceAgent = undefined;
        await voicemail?.stop();
        voicemail = undefined;
        await server?.close();
        server = undefined;
      },
      async startServer(restart = {}) {
        if (stopped) throw new Error('UC stack: startServer() after stop()');
        if (server) return;
        server = await start(false, restart.tls);
        if (withVoicemail) await startVoicemail(server.ctx);
        if (options.withConferences) await startConferences(server.ctx);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
