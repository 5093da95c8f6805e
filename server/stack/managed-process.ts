import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { assertNever } from '../../src-preload/contract/platform/assert-never';

/**
 * Lifecycle of a managed child process.
 *
 * ```
 *  Stopped --start()--> Starting --ready--> Running --stop()--> Stopping --> Stopped
 *     ^                    |                   |  \--kill()/crash-----------> Stopped
 *     +----start failed----+                   +--restart = stop() + start()
 * ```
 * start() only from Stopped; stop()/kill() are no-ops when already Stopped;
 * anything else while Starting/Stopping throws (no overlapping transitions).
 */
export enum ManagedProcessState {
  Stopped = 'stopped',
  Starting = 'starting',
  Running = 'running',
  Stopping = 'stopping',
}

/** Size above which a log is deleted before a start, for callers that want rotation (5 MiB). */
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** How the child is placed and signalled. */
export interface ManagedProcessOptions {
  /** Name in error messages ("Kamailio", "rtpengine", "Janus"). */
  readonly name: string;
  /** stdout and stderr of every start, appended. Its folder must exist at spawn time. */
  readonly logPath: string;
  /** Working directory of the child. */
  readonly cwd: string;
  /**
   * Own process group (`detached`): Ctrl+C in a terminal reaches only the launcher, which then
   * stops the child itself.
   */
  readonly detached: boolean;
  /**
   * With `detached`: a crash or SIGKILL reaches the whole process group (a daemon that forks
   * workers, e.g. Kamailio), SIGTERM only the main process (it stops its workers), and stop()
   * waits until no live process of the group is left. Otherwise signals reach the child only.
   */
  readonly killProcessGroup?: boolean;
  /** A log bigger than this is deleted before a start (long-lived `.stack/` folders); default: never. */
  readonly maxLogBytes?: number;
  /** Max time start() waits for readiness. Default 15 s. */
  readonly startTimeoutMs?: number;
  /** Max time stop() waits after SIGTERM before SIGKILL. Default 5 s. */
  readonly stopTimeoutMs?: number;
  /** Pause between two readiness probes. Default 50 ms. */
  readonly probeIntervalMs?: number;
}

/** What start() runs, decided once the run folder is prepared. */
export interface ManagedProcessLaunch {
  readonly command: string;
  readonly args: readonly string[];
  /** Text after "start " in the log's header line; default the command line. */
  readonly logLabel?: string;
  /** Why the spawn failed, for the user (e.g. which Debian package to install on ENOENT). */
  readonly describeSpawnError: (error: NodeJS.ErrnoException) => string;
  /**
   * One readiness probe: resolves undefined once the child serves, else what is still missing.
   * A rejection counts as not ready (its message is the problem). Each probe must bound itself.
   */
  readonly probe: () => Promise<string | undefined>;
}

/**
 * Kill functions of the children still alive, run synchronously if Node exits without stop()
 * (a test runner that bails out). One process-wide registry on purpose: `process.on('exit')` is
 * process-wide, and one listener for every child avoids a listener per start.
 */
const liveChildren = new Set<() => void>();
let exitHookInstalled = false;
function trackChild(killNow: () => void): void {
  liveChildren.add(killNow);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const killNow of liveChildren) killNow();
  });
}

/**
 * One child process of the development/test stack (Kamailio, rtpengine, Janus): spawns it with
 * its output in a log file, waits until an injected probe says it serves, stops it with SIGTERM
 * then SIGKILL, reports a crash, and never lets it outlive Node. The owner prepares configs and
 * ports in the `launch` callback of {@link start}, and frees them in `onTerminated`.
 */
export class ManagedProcess {
  readonly name: string;
  readonly logPath: string;

  private readonly options: ManagedProcessOptions;
  private state = ManagedProcessState.Stopped;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private exitReason: string | undefined;
  private readonly exitListeners = new Set<(reason: string) => void>();
  private readonly terminatedHooks = new Set<() => void>();

  constructor(options: ManagedProcessOptions) {
    if (options.killProcessGroup === true && !options.detached) {
      throw new Error(`${options.name}: killProcessGroup needs an own process group (detached)`);
    }
    this.options = options;
    this.name = options.name;
    this.logPath = options.logPath;
  }

  get currentState(): ManagedProcessState {
    return this.state;
  }

  /** PID of the (main) process while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Runs `launch` (which writes configs, reserves ports and says what to spawn), spawns, and
   * resolves once the probe passes. Rejects with the log tail if the child exits or is not ready
   * within startTimeoutMs; the child is then killed.
   */
  async start(launch: () => ManagedProcessLaunch | Promise<ManagedProcessLaunch>): Promise<void> {
    if (this.state !== ManagedProcessState.Stopped) throw new Error(`${this.name}: cannot start while ${this.state}`);
    this.state = ManagedProcessState.Starting;
    try {
      const spec = await launch();
      this.spawnChild(spec);
      await this.waitUntilReady(spec.probe, this.options.startTimeoutMs ?? 15_000);
      this.state = ManagedProcessState.Running;
    } catch (error) {
      await this.terminate('SIGKILL', 0);
      this.state = ManagedProcessState.Stopped;
      throw error;
    }
  }

  /** Graceful stop: SIGTERM, wait up to stopTimeoutMs, then SIGKILL. No-op when Stopped. */
  stop(): Promise<void> {
    return this.halt('stop', 'SIGTERM', this.options.stopTimeoutMs ?? 5_000);
  }

  /** Crash simulation: SIGKILL at once, no cleanup by the child. No-op when Stopped. */
  kill(): Promise<void> {
    return this.halt('kill', 'SIGKILL', 0);
  }

  /**
   * Registers a listener for an exit of a running child not caused by stop()/kill(). Returns a
   * function that unregisters it.
   */
  onDidExitUnexpectedly(listener: (reason: string) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** Registers a hook run after every stop, kill or failed start (frees ports reserved by the launch). */
  onTerminated(hook: () => void): void {
    this.terminatedHooks.add(hook);
  }

  /** Last `lines` lines of the log (for error messages). */
  logTail(lines = 40): string {
    if (!existsSync(this.logPath)) return '(no log)';
    return readFileSync(this.logPath, 'utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  }

  private async halt(verb: 'stop' | 'kill', signal: NodeJS.Signals, graceMs: number): Promise<void> {
    switch (this.state) {
      case ManagedProcessState.Stopped:
        return;
      case ManagedProcessState.Running:
        this.state = ManagedProcessState.Stopping;
        try {
          await this.terminate(signal, graceMs);
        } finally {
          this.state = ManagedProcessState.Stopped;
        }
        return;
      case ManagedProcessState.Starting:
      case ManagedProcessState.Stopping:
        throw new Error(`${this.name}: cannot ${verb} while ${this.state}`);
      default:
        return assertNever(this.state);
    }
  }

  private spawnChild(spec: ManagedProcessLaunch): void {
    const maxLogBytes = this.options.maxLogBytes;
    // keep the history of restarts, but do not let a long-lived log grow without bound
    if (maxLogBytes !== undefined && existsSync(this.logPath) && statSync(this.logPath).size > maxLogBytes) {
      rmSync(this.logPath);
    }
    const label = spec.logLabel ?? [spec.command, ...spec.args].join(' ');
    appendFileSync(this.logPath, `\n=== ${new Date().toISOString()} start ${label}\n`);
    const logFd = openSync(this.logPath, 'a');
    let child: ChildProcess;
    try {
      child = spawn(spec.command, [...spec.args], {
        cwd: this.options.cwd,
        detached: this.options.detached,
        stdio: ['ignore', logFd, logFd],
      });
    } finally {
      closeSync(logFd);
    }
    this.child = child;
    this.exitReason = undefined;
    const pid = child.pid;
    const group = this.options.killProcessGroup === true ? pid : undefined;
    const killNow = group === undefined ? () => void child.kill('SIGKILL') : () => killGroup(group, 'SIGKILL');
    trackChild(killNow);
    this.exited = new Promise<void>((resolveExit) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        this.exitReason = spec.describeSpawnError(error);
        resolveExit();
      });
      child.once('exit', (code, signal) => {
        this.exitReason = signal ? `killed by ${signal}` : `exited with code ${code}`;
        resolveExit();
      });
    });
    void this.exited.then(() => {
      // a group must be cleaned even if its main process dies on its own
      if (group !== undefined) killGroup(group, 'SIGKILL');
      liveChildren.delete(killNow);
      if (this.state === ManagedProcessState.Running) {
        this.state = ManagedProcessState.Stopped;
        const reason = this.exitReason ?? 'exited';
        for (const listener of this.exitListeners) listener(reason);
      }
    });
  }

  private async waitUntilReady(probe: () => Promise<string | undefined>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastProblem = 'not probed yet';
    // bounded by the deadline; each probe has its own short timeout
    while (Date.now() < deadline) {
      if (this.exitReason !== undefined) {
        throw new Error(`${this.name} did not start (${this.exitReason}). Log ${this.logPath}:\n${this.logTail()}`);
      }
      try {
        const problem = await probe();
        if (problem === undefined) return;
        lastProblem = problem;
      } catch (error) {
        lastProblem = (error as Error).message;
      }
      await delay(this.options.probeIntervalMs ?? 50);
    }
    throw new Error(
      `${this.name} not ready after ${timeoutMs} ms (${lastProblem}). Log ${this.logPath}:\n${this.logTail()}`,
    );
  }

  /** Signals the child, waits up to graceMs for it, then SIGKILLs it (or its group). */
  private async terminate(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    const pid = child?.pid;
    if (child !== undefined && pid !== undefined) {
      const group = this.options.killProcessGroup === true;
      if (this.exitReason === undefined) {
        try {
          // SIGTERM to a group's main process only: it shuts its workers down itself
          if (group && signal === 'SIGKILL') process.kill(-pid, 'SIGKILL');
          else child.kill(signal);
        } catch {
          // already gone
        }
        const exitedInTime = await Promise.race([this.exited.then(() => true), delay(graceMs).then(() => false)]);
        if (!exitedInTime) {
          if (group) killGroup(pid, 'SIGKILL');
          else child.kill('SIGKILL');
        }
      }
      await this.exited;
      if (group) {
        killGroup(pid, 'SIGKILL');
        await waitGroupGone(this.name, pid, 3_000);
      }
    }
    this.child = undefined;
    for (const hook of this.terminatedHooks) hook();
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left in the group
  }
}

async function waitGroupGone(name: string, pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!groupHasLiveProcess(pgid)) return;
    await delay(20);
  }
  throw new Error(`${name} process group ${pgid} still alive after SIGKILL`);
}

/**
 * True while a non-zombie process of the group exists. Zombies are ignored:
 * they hold no sockets, and the reparenting init may reap them only later.
 */
function groupHasLiveProcess(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    // no procfs: fall back to the signal check (counts zombies too)
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of entries) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ..." — comm may contain spaces/parens
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    if (Number(fields[2]) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}
