import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getFreePort } from './free-port';
import { createMediaDaemonProcess } from './media-daemon-process';
import type { ManagedProcess, ManagedProcessLaunch, ManagedProcessState } from './managed-process';
import { reserveRtpPortRange, type RtpPortRange } from './rtp-port-range';

/** Options of one coturn instance. */
export interface CoturnProcessOptions {
  /** Directory for the log and pid file. Created if missing. */
  readonly runDir: string;
  /**
   * The secret shared with the UC server (`static-auth-secret`): coturn accepts TURN REST
   * credentials minted with it (features/ice/turn-credentials.ts) and nothing else.
   */
  readonly secret: string;
  /** Listening and relay address. Default 127.0.0.1. */
  readonly host?: string;
  /** UDP/TCP listening port; default a free one, chosen at each start. */
  readonly port?: number;
  /** TURN realm. Default `switchboard`. */
  readonly realm?: string;
  /** How many relay ports to reserve (a multiple of 100). Default 100. */
  readonly relayPorts?: number;
  /** turnserver binary. Default /usr/bin/turnserver if present, else `turnserver` from PATH. */
  readonly turnserverBin?: string;
  readonly startTimeoutMs?: number;
  readonly stopTimeoutMs?: number;
  /** coturn `--verbose`: every processed request (allocations with their user) in the session log */
  readonly verbose?: boolean;
}

/**
 * One coturn (Debian `coturn` 4.6) TURN/STUN server for development and tests (SPEC F5, issue
 * #15): `use-auth-secret` (TURN REST API — per-user, short-lived credentials from the UC server),
 * no TLS/DTLS listener, bound to one address, relay ports from a reserved range, loopback peers
 * allowed (the tests' phones live on 127.0.0.1). Foreground, log in `<runDir>/coturn.log`; dies
 * with the Node process that started it (`setpriv --pdeathsig KILL`).
 */
export class CoturnProcess {
  readonly runDir: string;
  readonly host: string;
  readonly logPath: string;
  readonly pidPath: string;
  /** coturn's session log (allocations with their user names, refused credentials) */
  readonly sessionLogPath: string;
  private readonly options: CoturnProcessOptions;
  private readonly managed: ManagedProcess;
  private currentPort: number | undefined;
  private range: RtpPortRange | undefined;

  constructor(options: CoturnProcessOptions) {
    if (options.secret.length < 16) throw new Error('coturn: the shared secret needs at least 16 characters');
    this.options = options;
    this.runDir = resolve(options.runDir);
    this.host = options.host ?? '127.0.0.1';
    this.logPath = join(this.runDir, 'coturn.log');
    this.pidPath = join(this.runDir, 'coturn.pid');
    this.sessionLogPath = join(this.runDir, 'turn-sessions.log');
    this.managed = createMediaDaemonProcess({
      name: 'coturn',
      runDir: this.runDir,
      logPath: this.logPath,
      startTimeoutMs: options.startTimeoutMs,
      stopTimeoutMs: options.stopTimeoutMs,
      releasePorts: () => this.releaseRange(),
    });
  }

  /** The listening port (known once start() ran). */
  get port(): number {
    if (this.currentPort === undefined) throw new Error('coturn: not started');
    return this.currentPort;
  }

  /** `turn:HOST:PORT?transport=udp`, what the UC server's `--turn-urls` takes. */
  get turnUrl(): string {
    return `turn:${this.host}:${this.port}?transport=udp`;
  }

  get currentState(): ManagedProcessState {
    return this.managed.currentState;
  }

  /** Spawns coturn and resolves once it answers a STUN Binding request. */
  start(): Promise<void> {
    return this.managed.start(async () => {
      mkdirSync(this.runDir, { recursive: true });
      this.currentPort = this.options.port ?? (await getFreePort('udp', this.host));
      this.range = reserveRtpPortRange(this.options.relayPorts ?? 100);
      return this.launch(this.currentPort, this.range);
    });
  }

  /** Graceful stop (SIGTERM, then SIGKILL); idempotent. */
  stop(): Promise<void> {
    return this.managed.stop();
  }

  /** Last lines of the process log (start-up, crashes). */
  logTail(lines = 40): string {
    return this.managed.logTail(lines);
  }

  /** coturn's session log so far (allocations with their user names, refused credentials). */
  sessionLog(): string {
    return existsSync(this.sessionLogPath) ? readFileSync(this.sessionLogPath, 'utf8') : '';
  }

  private releaseRange(): void {
    this.range?.release();
    this.range = undefined;
  }

  private launch(port: number, range: RtpPortRange): ManagedProcessLaunch {
    const bin =
      this.options.turnserverBin ?? (existsSync('/usr/bin/turnserver') ? '/usr/bin/turnserver' : 'turnserver');
    rmSync(this.pidPath, { force: true });
    const args = [
      // never read /etc/turnserver.conf: everything is on the command line
      '-c',
      '/dev/null',
      '-n',
      '--no-cli',
      // coturn's own log file (its stdout is block-buffered into ours): sessions, allocations, refusals
      `--log-file=${this.sessionLogPath}`,
      '--simple-log',
      ...(this.options.verbose ? ['--verbose'] : []),
      `--userdb=${join(this.runDir, 'turndb')}`,
      `--listening-ip=${this.host}`,
      `--relay-ip=${this.host}`,
      `--listening-port=${port}`,
      `--min-port=${range.min}`,
      `--max-port=${range.max}`,
      '--use-auth-secret',
      `--static-auth-secret=${this.options.secret}`,
      `--realm=${this.options.realm ?? 'switchboard'}`,
      '--fingerprint',
      '--no-tls',
      '--no-dtls',
      // the tests' phones and rtpengine are on 127.0.0.1: coturn refuses loopback peers otherwise
      '--allow-loopback-peers',
      '--no-multicast-peers',
      `--pidfile=${this.pidPath}`,
    ];
    return {
      command: 'setpriv',
      args: ['--pdeathsig', 'KILL', '--', bin, ...args],
      // the secret stays out of the log's header line
      logLabel: `${bin} ${args.map((a) => (a.startsWith('--static-auth-secret=') ? '--static-auth-secret=…' : a)).join(' ')}`,
      describeSpawnError: (error) =>
        error.code === 'ENOENT' ? 'setpriv or turnserver not found (apt-get install coturn)' : error.message,
      probe: () => stunBindingProbe(this.host, port),
    };
  }
}

/** One STUN Binding request (RFC 5389 §6): undefined once answered with a Binding success. */
function stunBindingProbe(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolvePromise) => {
    const socket = createSocket('udp4');
    const transaction = randomBytes(12);
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request
    request.writeUInt16BE(0, 2);
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    transaction.copy(request, 8);
    const done = (outcome: string | undefined) => {
      clearTimeout(timer);
      socket.close();
      resolvePromise(outcome);
    };
    const timer = setTimeout(() => done('no STUN Binding answer yet'), 300);
    socket.on('message', (msg) => {
      if (msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(transaction))
        done(undefined);
    });
    socket.on('error', (err) => done(err.message));
    socket.send(request, port, host);
  });
}
