import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertNever } from '../../src-preload/contract/platform/assert-never';
import { reserveRtpPortRange, type RtpPortRange } from './rtp-port-range';

/** Where Debian's janus package puts its plugins and transports. */
const JANUS_LIB_DIR = '/usr/lib/x86_64-linux-gnu/janus';

/** Plain-RTP ports reserved per Janus: 16 participants × 4 rooms × 2 ports, with room to spare. */
export const DEFAULT_JANUS_RTP_PORTS = 200;

/** Options of one Janus instance. */
export interface JanusProcessOptions {
  /** Directory for the generated configs, the plugin links and the log. Created if missing. */
  readonly runDir: string;
  /** Address of the HTTP API and of the plain-RTP sockets of the AudioBridge. Default 127.0.0.1. */
  readonly host?: string;
  /** Port of the Janus HTTP API (`http://host:port/janus`). */
  readonly httpPort: number;
  /** `apisecret` every API request must carry; default random. */
  readonly apiSecret?: string;
  /** AudioBridge `admin_key` (room create/destroy); default random. */
  readonly adminKey?: string;
  /**
   * Ports of the AudioBridge's plain-RTP participants (2 per participant: RTP, RTCP). Default a
   * block of {@link DEFAULT_JANUS_RTP_PORTS} reserved like rtpengine's (rtp-port-range.ts), so
   * parallel stacks never share ports.
   */
  readonly rtpPortRange?: readonly [number, number];
  /** Janus `debug_level` (0-7). Default 3 (warnings). */
  readonly debugLevel?: number;
  /** Max time start() waits for the API. Default 15 s. */
  readonly startTimeoutMs?: number;
  /** Janus binary. Default /usr/bin/janus if present, else `janus` from PATH. */
  readonly janusBin?: string;
  /** Folder of Janus' plugins and transports. Default Debian's. */
  readonly libDir?: string;
}

/**
 * Lifecycle of the managed process.
 *
 * ```
 *  Stopped --start()--> Starting --API answers--> Running --stop()--> Stopping --> Stopped
 *     ^                    |                         \--crash----------------------> Stopped
 *     +----start failed----+
 * ```
 * start() only from Stopped; stop() is a no-op when Stopped; anything else while Starting/Stopping throws.
 */
export enum JanusState {
  Stopped = 'stopped',
  Starting = 'starting',
  Running = 'running',
  Stopping = 'stopping',
}

/**
 * One Janus (Debian 1.1) running only the AudioBridge plugin and the HTTP
 * transport, on the loopback, with an API secret and an AudioBridge admin key:
 * the conference mixing engine (issue #14). The UC server drives it through
 * its HTTP API ({@link JanusProcess.apiUrl}); nothing else is loaded (no
 * event handlers, loggers, other plugins or WebSocket transport).
 *
 * @see https://janus.conf.meetecho.com/docs/audiobridge.html
 */
export class JanusProcess {
  readonly runDir: string;
  readonly host: string;
  readonly httpPort: number;
  readonly apiSecret: string;
  readonly adminKey: string;
  readonly logPath: string;
  private readonly options: JanusProcessOptions;
  private state = JanusState.Stopped;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private lastExit: string | undefined;
  private rtpPorts: RtpPortRange | undefined;

  constructor(options: JanusProcessOptions) {
    this.options = options;
    this.runDir = resolve(options.runDir);
    this.host = options.host ?? '127.0.0.1';
    this.httpPort = options.httpPort;
    this.apiSecret = options.apiSecret ?? randomBytes(18).toString('base64url');
    this.adminKey = options.adminKey ?? randomBytes(18).toString('base64url');
    this.logPath = join(this.runDir, 'janus.log');
  }

  /** `http://host:port/janus` — the Janus API (RFC-less JSON over HTTP, long-poll for events). */
  get apiUrl(): string {
    return `http://${this.host}:${this.httpPort}/janus`;
  }

  /** PID of the Janus process while it runs (CPU figures of the bench). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get currentState(): JanusState {
    return this.state;
  }

  /** Writes the configs, spawns Janus and resolves once its API lists the AudioBridge. */
  async start(): Promise<void> {
    if (this.state !== JanusState.Stopped) throw new Error(`Janus: cannot start while ${this.state}`);
    this.state = JanusState.Starting;
    try {
      this.writeConfig();
      this.spawnJanus();
      await this.waitUntilReady(this.options.startTimeoutMs ?? 15_000);
      this.state = JanusState.Running;
    } catch (error) {
      await this.terminate('SIGKILL', 0);
      this.state = JanusState.Stopped;
      throw error;
    }
  }

  /** SIGTERM, then SIGKILL after 5 s. */
  async stop(): Promise<void> {
    switch (this.state) {
      case JanusState.Stopped:
        return;
      case JanusState.Running:
        this.state = JanusState.Stopping;
        try {
          await this.terminate('SIGTERM', 5_000);
        } finally {
          this.state = JanusState.Stopped;
        }
        return;
      case JanusState.Starting:
      case JanusState.Stopping:
        throw new Error(`Janus: cannot stop while ${this.state}`);
      default:
        return assertNever(this.state);
    }
  }

  /** Last `lines` lines of the log. */
  logTail(lines = 40): string {
    if (!existsSync(this.logPath)) return '(no log)';
    return readFileSync(this.logPath, 'utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  }

  private writeConfig(): void {
    const lib = this.options.libDir ?? JANUS_LIB_DIR;
    const pluginsDir = join(this.runDir, 'plugins');
    const transportsDir = join(this.runDir, 'transports');
    const emptyDir = join(this.runDir, 'none');
    // folders holding links to the one plugin and the one transport we use: Janus loads every .so it finds
    for (const dir of [pluginsDir, transportsDir, emptyDir]) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
    symlinkSync(join(lib, 'plugins', 'libjanus_audiobridge.so'), join(pluginsDir, 'libjanus_audiobridge.so'));
    symlinkSync(join(lib, 'transports', 'libjanus_http.so'), join(transportsDir, 'libjanus_http.so'));
    this.rtpPorts?.release();
    this.rtpPorts = this.options.rtpPortRange ? undefined : reserveRtpPortRange(DEFAULT_JANUS_RTP_PORTS);
    const [rtpMin, rtpMax] = this.options.rtpPortRange ?? [this.rtpPorts!.min, this.rtpPorts!.max];
    const files: Record<string, string> = {
      'janus.jcfg': `general: {
	configs_folder = "${this.runDir}"
	plugins_folder = "${pluginsDir}"
	transports_folder = "${transportsDir}"
	events_folder = "${emptyDir}"
	loggers_folder = "${emptyDir}"
	debug_level = ${this.options.debugLevel ?? 3}
	debug_colors = false
	log_to_stdout = true
	api_secret = "${this.apiSecret}"
	server_name = "Switchboard conferences"
	session_timeout = 60
}
media: {
	rtp_port_range = "${rtpMin}-${rtpMax}"
}
nat: {
	ice_enforce_list = "${this.host}"
}
events: {
	broadcast = false
}
`,
      'janus.transport.http.jcfg': `general: {
	json = "plain"
	base_path = "/janus"
	http = true
	port = ${this.httpPort}
	ip = "${this.host}"
	https = false
}
admin: {
	admin_http = false
	admin_https = false
}
`,
      'janus.plugin.audiobridge.jcfg': `general: {
	admin_key = "${this.adminKey}"
	lock_rtp_forward = true
	lock_play_file = true
	events = false
	rtp_port_range = "${rtpMin}-${rtpMax}"
	local_ip = "${this.host}"
}
`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(this.runDir, name), text);
  }

  private spawnJanus(): void {
    const bin = this.options.janusBin ?? (existsSync('/usr/bin/janus') ? '/usr/bin/janus' : 'janus');
    appendFileSync(this.logPath, `\n=== ${new Date().toISOString()} start ${bin}\n`);
    const logFd = openSync(this.logPath, 'a');
    let child: ChildProcess;
    try {
      // detached: its own process group, so a Ctrl+C in the terminal reaches the launcher only,
      // which stops the conference service before Janus
      child = spawn(bin, ['-C', join(this.runDir, 'janus.jcfg'), '-F', this.runDir, '-N'], {
        cwd: this.runDir,
        detached: true,
        stdio: ['ignore', logFd, logFd],
      });
    } finally {
      closeSync(logFd);
    }
    this.child = child;
    this.lastExit = undefined;
    // never outlive the Node process that started it (a test runner that bails out)
    const killOnExit = (): void => void child.kill('SIGKILL');
    process.once('exit', killOnExit);
    this.exited = new Promise<void>((resolveExit) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        this.lastExit = error.code === 'ENOENT' ? `${bin} not found (apt-get install janus)` : error.message;
        resolveExit();
      });
      child.once('exit', (code, signal) => {
        this.lastExit = signal ? `killed by ${signal}` : `exited with code ${code}`;
        process.off('exit', killOnExit);
        if (this.state === JanusState.Running) this.state = JanusState.Stopped;
        resolveExit();
      });
    });
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let problem = 'not probed yet';
    while (Date.now() < deadline) {
      if (this.lastExit !== undefined) {
        throw new Error(`Janus did not start (${this.lastExit}). Log ${this.logPath}:\n${this.logTail()}`);
      }
      try {
        const response = await fetch(`${this.apiUrl}/info`, { signal: AbortSignal.timeout(500) });
        const info = (await response.json()) as { plugins?: Record<string, unknown> };
        if (info.plugins && 'janus.plugin.audiobridge' in info.plugins) return;
        problem = 'the AudioBridge plugin is not loaded';
      } catch (error) {
        problem = (error as Error).message;
      }
      await delay(100);
    }
    throw new Error(`Janus not ready after ${timeoutMs} ms (${problem}). Log ${this.logPath}:\n${this.logTail()}`);
  }

  private async terminate(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (this.lastExit === undefined) {
      child.kill(signal);
      const inTime = await Promise.race([this.exited.then(() => true), delay(graceMs).then(() => false)]);
      if (!inTime) child.kill('SIGKILL');
    }
    await this.exited;
    this.child = undefined;
    this.rtpPorts?.release();
    this.rtpPorts = undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}
