import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ManagedProcess, type ManagedProcessLaunch, type ManagedProcessState } from './managed-process';
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
  private readonly managed: ManagedProcess;
  private rtpPorts: RtpPortRange | undefined;

  constructor(options: JanusProcessOptions) {
    this.options = options;
    this.runDir = resolve(options.runDir);
    this.host = options.host ?? '127.0.0.1';
    this.httpPort = options.httpPort;
    this.apiSecret = options.apiSecret ?? randomBytes(18).toString('base64url');
    this.adminKey = options.adminKey ?? randomBytes(18).toString('base64url');
    this.logPath = join(this.runDir, 'janus.log');
    this.managed = new ManagedProcess({
      name: 'Janus',
      logPath: this.logPath,
      cwd: this.runDir,
      // its own process group, so a Ctrl+C in the terminal reaches the launcher only,
      // which stops the conference service before Janus
      detached: true,
      startTimeoutMs: options.startTimeoutMs ?? 15_000,
      probeIntervalMs: 100,
    });
    this.managed.onTerminated(() => {
      this.rtpPorts?.release();
      this.rtpPorts = undefined;
    });
  }

  /** `http://host:port/janus` — the Janus API (RFC-less JSON over HTTP, long-poll for events). */
  get apiUrl(): string {
    return `http://${this.host}:${this.httpPort}/janus`;
  }

  /** PID of the Janus process while it runs (CPU figures of the bench). */
  get pid(): number | undefined {
    return this.managed.pid;
  }

  get currentState(): ManagedProcessState {
    return this.managed.currentState;
  }

  /** Writes the configs, spawns Janus and resolves once its API lists the AudioBridge. */
  start(): Promise<void> {
    return this.managed.start(() => {
      this.writeConfig();
      return this.launch();
    });
  }

  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void> {
    return this.managed.stop();
  }

  /** Last `lines` lines of the log. */
  logTail(lines = 40): string {
    return this.managed.logTail(lines);
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

  private launch(): ManagedProcessLaunch {
    const bin = this.options.janusBin ?? (existsSync('/usr/bin/janus') ? '/usr/bin/janus' : 'janus');
    return {
      command: bin,
      args: ['-C', join(this.runDir, 'janus.jcfg'), '-F', this.runDir, '-N'],
      logLabel: bin,
      describeSpawnError: (error) =>
        error.code === 'ENOENT' ? `${bin} not found (apt-get install janus)` : error.message,
      probe: async () => {
        const response = await fetch(`${this.apiUrl}/info`, { signal: AbortSignal.timeout(500) });
        const info = (await response.json()) as { plugins?: Record<string, unknown> };
        return info.plugins && 'janus.plugin.audiobridge' in info.plugins
          ? undefined
          : 'the AudioBridge plugin is not loaded';
      },
    };
  }
}
