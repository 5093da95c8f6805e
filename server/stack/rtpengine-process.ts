import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertNever } from '../../src-preload/contract/platform/assert-never';
import { getFreePort } from './free-port';
import { ngRequest, type NgValue } from './rtpengine-ng';
import { reserveRtpPortRange, type RtpPortRange } from './rtp-port-range';

/** Options of one rtpengine instance. */
export interface RtpengineProcessOptions {
  /** Directory for the log and pid file. Created if missing. */
  readonly runDir: string;
  /** Address of the ng control socket and of every media port. Default 127.0.0.1. */
  readonly host?: string;
  /** UDP port of the ng control protocol; default a free one, chosen at each start. */
  readonly ngPort?: number;
  /** How many RTP ports to reserve (a multiple of 100); default 100 (about 25 bridged calls). */
  readonly rtpPorts?: number;
  /** Start of the RTP range to try first (the dev stack keeps one across runs). */
  readonly preferredRtpPortMin?: number;
  /** rtpengine `--log-level` (syslog levels: 6 info, 7 debug). Default 6. */
  readonly logLevel?: number;
  /** Max time start() waits for an answer to ng `ping`. Default 10 s. */
  readonly startTimeoutMs?: number;
  /** Max time stop() waits after SIGTERM before SIGKILL. Default 5 s. */
  readonly stopTimeoutMs?: number;
  /** rtpengine binary. Default /usr/bin/rtpengine if present, else `rtpengine` from PATH. */
  readonly rtpengineBin?: string;
}

/**
 * Lifecycle of the managed process.
 *
 * ```
 *  Stopped --start()--> Starting --pong--> Running --stop()--> Stopping --> Stopped
 *     ^                    |                  \--crash------------------> Stopped
 *     +----start failed----+
 * ```
 * start() only from Stopped; stop() is a no-op when Stopped; stop() while Starting/Stopping throws.
 */
export enum RtpengineState {
  Stopped = 'stopped',
  Starting = 'starting',
  Running = 'running',
  Stopping = 'stopping',
}

const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** Children still alive; killed synchronously if Node exits without stop(). */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of liveChildren) c.kill('SIGKILL');
  });
}

/**
 * One rtpengine (Debian `rtpengine-daemon` 10.5, userspace forwarding only: `--table=-1`, no kernel
 * module) for development and tests: the WebRTC <-> plain RTP media relay Kamailio drives over the
 * ng protocol (`rtpengine_sock` = {@link ngSocket}). Runs in the foreground, bound to one address,
 * media on a port range reserved for this instance ({@link reserveRtpPortRange}), log in
 * `<runDir>/rtpengine.log`. It dies with the Node process that started it, even on SIGKILL
 * (`setpriv --pdeathsig KILL`).
 */
export class RtpengineProcess {
  readonly runDir: string;
  readonly host: string;
  /** rtpengine's stderr of every start, appended. */
  readonly logPath: string;
  readonly pidPath: string;

  private readonly options: RtpengineProcessOptions;
  private state = RtpengineState.Stopped;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private lastExit: string | undefined;
  private currentNgPort: number | undefined;
  private range: RtpPortRange | undefined;

  constructor(options: RtpengineProcessOptions) {
    this.options = options;
    this.runDir = resolve(options.runDir);
    this.host = options.host ?? '127.0.0.1';
    this.logPath = join(this.runDir, 'rtpengine.log');
    this.pidPath = join(this.runDir, 'rtpengine.pid');
  }

  /** UDP port of the ng control socket (known once start() ran). */
  get ngPort(): number {
    if (this.currentNgPort === undefined) throw new Error('rtpengine: not started');
    return this.currentNgPort;
  }

  /** What Kamailio's `rtpengine_sock` takes: `udp:127.0.0.1:PORT`. */
  get ngSocket(): string {
    return `udp:${this.host}:${this.ngPort}`;
  }

  /** The RTP ports this instance may use (while it runs). */
  get rtpPortRange(): { readonly min: number; readonly max: number } | undefined {
    return this.range === undefined ? undefined : { min: this.range.min, max: this.range.max };
  }

  get currentState(): RtpengineState {
    return this.state;
  }

  /** PID of rtpengine while it runs (setpriv execs it: same pid). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns rtpengine and resolves once it answers ng `ping`; rejects with the log tail otherwise. */
  async start(): Promise<void> {
    if (this.state !== RtpengineState.Stopped) throw new Error(`rtpengine: cannot start while ${this.state}`);
    this.state = RtpengineState.Starting;
    try {
      mkdirSync(this.runDir, { recursive: true });
      this.currentNgPort = this.options.ngPort ?? (await getFreePort('udp', this.host));
      this.range = reserveRtpPortRange(this.options.rtpPorts ?? 100, this.options.preferredRtpPortMin);
      this.spawnRtpengine(this.currentNgPort, this.range);
      await this.waitUntilReady(this.options.startTimeoutMs ?? 10_000);
      this.state = RtpengineState.Running;
    } catch (error) {
      await this.terminate('SIGKILL', 0);
      this.state = RtpengineState.Stopped;
      throw error;
    }
  }

  /** Graceful stop (SIGTERM, then SIGKILL after stopTimeoutMs); idempotent. */
  async stop(): Promise<void> {
    switch (this.state) {
      case RtpengineState.Stopped:
        return;
      case RtpengineState.Running:
        this.state = RtpengineState.Stopping;
        try {
          await this.terminate('SIGTERM', this.options.stopTimeoutMs ?? 5_000);
        } finally {
          this.state = RtpengineState.Stopped;
        }
        return;
      case RtpengineState.Starting:
      case RtpengineState.Stopping:
        throw new Error(`rtpengine: cannot stop while ${this.state}`);
      default:
        return assertNever(this.state);
    }
  }

  /** Sends an ng command (`list`, `query`, `statistics`…) and returns rtpengine's answer. */
  ng(command: string, params: Record<string, NgValue> = {}, timeoutMs = 1_000): Promise<Record<string, NgValue>> {
    return ngRequest(this.host, this.ngPort, { ...params, command }, timeoutMs);
  }

  /** Call-IDs of the calls rtpengine relays now (ng `list`). */
  async callIds(): Promise<string[]> {
    const answer = await this.ng('list', { limit: 1000 });
    const calls = answer.calls;
    return Array.isArray(calls) ? calls.filter((c): c is string => typeof c === 'string') : [];
  }

  /** Last `lines` lines of the log (for error messages). */
  logTail(lines = 40): string {
    if (!existsSync(this.logPath)) return '(no log)';
    return readFileSync(this.logPath, 'utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  }

  private spawnRtpengine(ngPort: number, range: RtpPortRange): void {
    const bin = this.options.rtpengineBin ?? (existsSync('/usr/bin/rtpengine') ? '/usr/bin/rtpengine' : 'rtpengine');
    if (existsSync(this.logPath) && statSync(this.logPath).size > MAX_LOG_BYTES) rmSync(this.logPath);
    rmSync(this.pidPath, { force: true });
    const args = [
      // never read /etc/rtpengine/rtpengine.conf: everything is on the command line
      '--config-file=none',
      '--foreground',
      '--log-stderr',
      `--log-level=${this.options.logLevel ?? 6}`,
      // userspace forwarding: no kernel module (and no iptables rule) needed
      '--table=-1',
      `--interface=${this.host}`,
      `--listen-ng=${this.host}:${ngPort}`,
      `--port-min=${range.min}`,
      `--port-max=${range.max}`,
      // a deleted call is gone at once (tests count the calls it relays); a call without media for 60 s is dropped
      '--delete-delay=0',
      '--timeout=60',
      '--num-threads=2',
      `--pidfile=${this.pidPath}`,
    ];
    appendFileSync(this.logPath, `\n=== ${new Date().toISOString()} start ${bin} ${args.join(' ')}\n`);
    const logFd = openSync(this.logPath, 'a');
    let child: ChildProcess;
    try {
      // setpriv execs rtpengine with PR_SET_PDEATHSIG: the kernel kills it when Node dies, even by SIGKILL
      child = spawn('setpriv', ['--pdeathsig', 'KILL', '--', bin, ...args], {
        cwd: this.runDir,
        stdio: ['ignore', logFd, logFd],
      });
    } finally {
      closeSync(logFd);
    }
    this.child = child;
    this.lastExit = undefined;
    trackChild(child);
    this.exited = new Promise<void>((resolveExit) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        this.lastExit =
          error.code === 'ENOENT' ? 'setpriv or rtpengine not found (apt-get install rtpengine-daemon)' : error.message;
        resolveExit();
      });
      child.once('exit', (code, signal) => {
        this.lastExit = signal ? `killed by ${signal}` : `exited with code ${code}`;
        resolveExit();
      });
    });
    void this.exited.then(() => {
      liveChildren.delete(child);
      if (this.state === RtpengineState.Running) {
        this.state = RtpengineState.Stopped;
        this.range?.release();
        this.range = undefined;
        process.stderr.write(`rtpengine ${this.lastExit ?? 'exited'}: see ${this.logPath}\n`);
      }
    });
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastProblem = 'not probed yet';
    // bounded by the deadline; each ping has its own short timeout
    while (Date.now() < deadline) {
      if (this.lastExit !== undefined) {
        throw new Error(`rtpengine did not start (${this.lastExit}). Log ${this.logPath}:\n${this.logTail()}`);
      }
      try {
        const answer = await this.ng('ping', {}, 300);
        if (answer.result === 'pong') return;
        lastProblem = `ping answered ${JSON.stringify(answer)}`;
      } catch (error) {
        lastProblem = (error as Error).message;
      }
      await delay(50);
    }
    throw new Error(
      `rtpengine not ready after ${timeoutMs} ms (${lastProblem}). Log ${this.logPath}:\n${this.logTail()}`,
    );
  }

  private async terminate(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    if (child !== undefined && this.lastExit === undefined) {
      child.kill(signal);
      const exitedInTime = await Promise.race([this.exited.then(() => true), delay(graceMs).then(() => false)]);
      if (!exitedInTime) child.kill('SIGKILL');
      await this.exited;
    }
    this.child = undefined;
    this.range?.release();
    this.range = undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}
