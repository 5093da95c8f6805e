import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getFreePort } from './free-port';
import { createMediaDaemonProcess } from './media-daemon-process';
import type { ManagedProcess, ManagedProcessLaunch, ManagedProcessState } from './managed-process';
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
  private readonly managed: ManagedProcess;
  private currentNgPort: number | undefined;
  private range: RtpPortRange | undefined;

  constructor(options: RtpengineProcessOptions) {
    this.options = options;
    this.runDir = resolve(options.runDir);
    this.host = options.host ?? '127.0.0.1';
    this.logPath = join(this.runDir, 'rtpengine.log');
    this.pidPath = join(this.runDir, 'rtpengine.pid');
    this.managed = createMediaDaemonProcess({
      name: 'rtpengine',
      runDir: this.runDir,
      logPath: this.logPath,
      startTimeoutMs: options.startTimeoutMs,
      stopTimeoutMs: options.stopTimeoutMs,
      releasePorts: () => this.releaseRange(),
    });
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

  get currentState(): ManagedProcessState {
    return this.managed.currentState;
  }

  /** PID of rtpengine while it runs (setpriv execs it: same pid). */
  get pid(): number | undefined {
    return this.managed.pid;
  }

  /** Spawns rtpengine and resolves once it answers ng `ping`; rejects with the log tail otherwise. */
  start(): Promise<void> {
    return this.managed.start(async () => {
      mkdirSync(this.runDir, { recursive: true });
      this.currentNgPort = this.options.ngPort ?? (await getFreePort('udp', this.host));
      this.range = reserveRtpPortRange(this.options.rtpPorts ?? 100, this.options.preferredRtpPortMin);
      return this.launch(this.currentNgPort, this.range);
    });
  }

  /** Graceful stop (SIGTERM, then SIGKILL after stopTimeoutMs); idempotent. */
  stop(): Promise<void> {
    return this.managed.stop();
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
    return this.managed.logTail(lines);
  }

  private releaseRange(): void {
    this.range?.release();
    this.range = undefined;
  }

  private launch(ngPort: number, range: RtpPortRange): ManagedProcessLaunch {
    const bin = this.options.rtpengineBin ?? (existsSync('/usr/bin/rtpengine') ? '/usr/bin/rtpengine' : 'rtpengine');
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
    return {
      // setpriv execs rtpengine with PR_SET_PDEATHSIG: the kernel kills it when Node dies, even by SIGKILL
      command: 'setpriv',
      args: ['--pdeathsig', 'KILL', '--', bin, ...args],
      logLabel: `${bin} ${args.join(' ')}`,
      describeSpawnError: (error) =>
        error.code === 'ENOENT' ? 'setpriv or rtpengine not found (apt-get install rtpengine-daemon)' : error.message,
      probe: async () => {
        const answer = await this.ng('ping', {}, 300);
        return answer.result === 'pong' ? undefined : `ping answered ${JSON.stringify(answer)}`;
      },
    };
  }
}
