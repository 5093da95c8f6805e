import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DemoUser } from '../src/features/accounts';
import { createKamailioDb } from './kamailio-db';
import { renderKamailioConfig, type KamailioConfigValues } from './kamailio-config';
import { MAX_LOG_BYTES, ManagedProcess, type ManagedProcessState, type ManagedProcessLaunch } from './managed-process';
import { ensureSelfSignedCert } from './tls-cert';

/** Options of one Kamailio instance. */
export interface KamailioProcessOptions {
  /** Directory for the effective config, db, ctl socket, pid, log, cert. Created if missing. */
  readonly runDir: string;
  /** Bind address and SIP domain. Default 127.0.0.1. */
  readonly host?: string;
  readonly wsPort: number;
  readonly udpPort: number;
  /** Secure WebSocket port; omit for no TLS listener. */
  readonly wssPort?: number | undefined;
  /** SIP over TLS port (desk phones); omit for none. SIP over TCP listens on udpPort too. */
  readonly sipTlsPort?: number | undefined;
  /**
   * Directory of the certificate the WSS listener serves (made by ensureSelfSignedCert
   * if absent). Default `<runDir>/tls`; the dev stack passes the UC server's, so one
   * certificate (one pin, SPEC A1) covers the host.
   */
  readonly tlsDir?: string | undefined;
  /** Accounts seeded into `subscriber` (of Kamailio's own db; not used with authDbPath). */
  readonly users: readonly DemoUser[];
  /**
   * SQLite database whose `subscriber` (HA1, realm = host) Kamailio's auth_db
   * reads instead of its own — the UC server's database. The server owns and
   * updates those rows; Kamailio only reads them.
   */
  readonly authDbPath?: string | undefined;
  /** Kamailio `debug=` level (1 warnings, 2 info, 3 debug). Default 2. */
  readonly debugLevel?: number;
  /** Extra preprocessor defines. */
  readonly defines?: readonly string[];
  /** rtpengine's ng socket, e.g. `udp:127.0.0.1:PORT` (see {@link KamailioConfigValues.rtpengineSocket}) */
  readonly rtpengineSocket?: KamailioConfigValues['rtpengineSocket'];
  /** usrloc's OPTIONS ping of every contact (see {@link KamailioConfigValues.contactKeepAlive}). */
  readonly contactKeepAlive?: KamailioConfigValues['contactKeepAlive'];
  /** the UC server's call-routing endpoint (see {@link KamailioConfigValues.callRouting}) */
  readonly callRouting?: KamailioConfigValues['callRouting'];
  /** X-RPC-Secret of Kamailio's JSON-RPC (see {@link KamailioConfigValues.rpcSecret}) */
  readonly rpcSecret?: string;
  /** failed SIP logins from one source before a ban (see {@link KamailioConfigValues.authFailLimit}) */
  readonly authFailLimit?: number;
  /** browser origins allowed to open SIP over WebSocket (see {@link KamailioConfigValues.wsAllowedOrigins}) */
  readonly wsAllowedOrigins?: KamailioConfigValues['wsAllowedOrigins'];
  /** edits the rendered config before it is written (diagnostic scripts reproducing old settings) */
  readonly configTransform?: (config: string) => string;
  /** Max time start() waits for readiness. Default 15 s. */
  readonly startTimeoutMs?: number;
  /** Max time stop() waits after SIGTERM before SIGKILL. Default 5 s. */
  readonly stopTimeoutMs?: number;
  /** Kamailio binary. Default /usr/sbin/kamailio if present, else `kamailio` from PATH. */
  readonly kamailioBin?: string;
}

/**
 * One Kamailio 5.6 process for development and tests: renders the config from
 * server/kamailio/kamailio.cfg, seeds the SQLite db, runs Kamailio in the
 * foreground (-DD) in its own process group, and waits until it answers SIP.
 */
export class KamailioProcess {
  readonly runDir: string;
  readonly host: string;
  readonly wsPort: number;
  readonly udpPort: number;
  readonly wssPort: number | undefined;
  readonly sipTlsPort: number | undefined;
  readonly users: readonly DemoUser[];
  readonly configPath: string;
  readonly dbPath: string;
  readonly ctlSocket: string;
  readonly pidPath: string;
  /** Kamailio stderr (-E) of every start, appended. */
  readonly logPath: string;

  private readonly options: KamailioProcessOptions;
  private readonly managed: ManagedProcess;

  constructor(options: KamailioProcessOptions) {
    this.options = options;
    this.runDir = resolve(options.runDir);
    this.host = options.host ?? '127.0.0.1';
    this.wsPort = options.wsPort;
    this.udpPort = options.udpPort;
    this.wssPort = options.wssPort;
    this.sipTlsPort = options.sipTlsPort;
    this.users = [...options.users];
    this.configPath = join(this.runDir, 'kamailio.cfg');
    this.dbPath = join(this.runDir, 'kamailio.sqlite');
    this.ctlSocket = join(this.runDir, 'kamailio_ctl');
    this.pidPath = join(this.runDir, 'kamailio.pid');
    this.logPath = join(this.runDir, 'kamailio.log');
    this.managed = new ManagedProcess({
      name: 'Kamailio',
      logPath: this.logPath,
      cwd: this.runDir,
      // own process group so stop()/kill() reach every worker and Ctrl+C in a terminal reaches only us
      detached: true,
      killProcessGroup: true,
      maxLogBytes: MAX_LOG_BYTES,
      startTimeoutMs: options.startTimeoutMs ?? 15_000,
      stopTimeoutMs: options.stopTimeoutMs ?? 5_000,
    });
  }

  /** SIP domain clients use (= host). */
  get domain(): string {
    return this.host;
  }

  /** `ws://host:wsPort` — SIP over WebSocket (RFC 7118), subprotocol "sip". */
  get wsUrl(): string {
    return `ws://${this.host}:${this.wsPort}`;
  }

  /** `wss://host:wssPort` (the host's certificate, see {@link KamailioProcessOptions.tlsDir}), or undefined without a WSS port. */
  get wssUrl(): string | undefined {
    return this.wssPort === undefined ? undefined : `wss://${this.host}:${this.wssPort}`;
  }

  /** Current lifecycle state (see {@link ManagedProcessState}). */
  get currentState(): ManagedProcessState {
    return this.managed.currentState;
  }

  /** PID of the Kamailio main process while it runs. */
  get pid(): number | undefined {
    return this.managed.pid;
  }

  /**
   * Writes config, db (and cert), spawns Kamailio and resolves once it answers
   * a SIP OPTIONS on UDP and accepts TCP on the WS (and WSS) port. Rejects with
   * the log tail if it exits or is not ready within startTimeoutMs.
   */
  start(): Promise<void> {
    return this.managed.start(() => {
      this.prepareRunDir();
      return this.launch();
    });
  }

  /** Graceful stop: SIGTERM, wait, then SIGKILL the whole process group. */
  stop(): Promise<void> {
    return this.managed.stop();
  }

  /** Crash simulation: SIGKILL to the whole process group, no cleanup by Kamailio. */
  kill(): Promise<void> {
    return this.managed.kill();
  }

  /**
   * Registers a listener for an unexpected exit of a running Kamailio (not
   * caused by stop()/kill()). Returns a function that unregisters it.
   */
  onDidExitUnexpectedly(listener: (reason: string) => void): () => void {
    return this.managed.onDidExitUnexpectedly(listener);
  }

  /** stop() (if running) then start() on the same ports, config and users. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Last `lines` lines of the Kamailio log (for error messages). */
  logTail(lines = 40): string {
    return this.managed.logTail(lines);
  }

  private prepareRunDir(): void {
    mkdirSync(this.runDir, { recursive: true });
    rmSync(this.ctlSocket, { force: true });
    rmSync(this.pidPath, { force: true });
    const tls =
      this.wssPort === undefined && this.sipTlsPort === undefined
        ? undefined
        : ensureSelfSignedCert(this.options.tlsDir ?? join(this.runDir, 'tls'), [this.host]);
    const transform = this.options.configTransform ?? ((config: string) => config);
    writeFileSync(
      this.configPath,
      transform(
        renderKamailioConfig({
          host: this.host,
          wsPort: this.wsPort,
          udpPort: this.udpPort,
          wssPort: this.wssPort,
          sipTlsPort: this.sipTlsPort,
          dbPath: this.dbPath,
          authDbPath: this.options.authDbPath,
          sipRealm: this.domain,
          ctlSocket: this.ctlSocket,
          tlsCfgPath: tls?.tlsCfgPath,
          debugLevel: this.options.debugLevel,
          defines: this.options.defines,
          rtpengineSocket: this.options.rtpengineSocket,
          contactKeepAlive: this.options.contactKeepAlive,
          callRouting: this.options.callRouting,
          rpcSecret: this.options.rpcSecret,
          authFailLimit: this.options.authFailLimit,
          wsAllowedOrigins: this.options.wsAllowedOrigins,
        }),
      ),
    );
    // with an external auth db, Kamailio's own db keeps only presence/dialog state
    createKamailioDb(this.dbPath, this.options.authDbPath === undefined ? this.users : [], this.domain);
  }

  private launch(): ManagedProcessLaunch {
    const bin = this.options.kamailioBin ?? (existsSync('/usr/sbin/kamailio') ? '/usr/sbin/kamailio' : 'kamailio');
    const tcpPorts = [this.wsPort, this.udpPort, this.wssPort, this.sipTlsPort].filter(
      (port): port is number => port !== undefined,
    );
    return {
      command: bin,
      // -DD: main process stays in the foreground (still forks workers); -E: log to stderr (our log file)
      args: ['-f', this.configPath, '-DD', '-E', '-m', '64', '-M', '8', '-Y', this.runDir, '-P', this.pidPath],
      logLabel: `${bin} -f ${this.configPath}`,
      describeSpawnError: (error) =>
        error.code === 'ENOENT'
          ? `${bin} not found (apt-get install kamailio kamailio-websocket-modules kamailio-presence-modules kamailio-sqlite-modules kamailio-tls-modules)`
          : `spawn failed: ${error.message}`,
      probe: async () => {
        if (!(await probeSipOptions(this.host, this.udpPort, 300))) {
          return `no SIP answer on udp ${this.host}:${this.udpPort}`;
        }
        const tcpResults = await Promise.all(tcpPorts.map((port) => probeTcp(this.host, port, 300)));
        return tcpResults.every(Boolean) ? undefined : `TCP port(s) ${tcpPorts.join(', ')} not accepting`;
      },
    };
  }
}

/** True if something accepts a TCP connection on host:port within timeoutMs. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolveProbe(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Sends a SIP OPTIONS (RFC 3261 11) to the server itself over UDP; true on a
 * 200 reply. Proves that the SIP workers run, not just that a port is bound.
 */
export function probeSipOptions(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = createSocket('udp4');
    const tag = randomBytes(6).toString('hex');
    let settled = false;
    const done = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolveProbe(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('error', () => done(false));
    socket.on('message', (message) => {
      if (message.toString('utf8').startsWith('SIP/2.0 200')) done(true);
    });
    socket.bind(0, host, () => {
      const localPort = socket.address().port;
      const request = [
        `OPTIONS sip:${host}:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP ${host}:${localPort};branch=z9hG4bK${tag};rport`,
        'Max-Forwards: 70',
        `From: <sip:probe@${host}>;tag=${tag}`,
        `To: <sip:${host}:${port}>`,
        `Call-ID: probe-${tag}@${host}`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(request, port, host, (error) => {
        if (error) done(false);
      });
    });
  });
}
