/**
 * The lifecycle every stack process (Kamailio, rtpengine, Janus) shares, with real `sh` children:
 * readiness by an injected probe, start failures with the log tail, stop, crash report, the process
 * group of a forking daemon, and the transitions that throw.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  ManagedProcess,
  ManagedProcessState,
  type ManagedProcessLaunch,
  type ManagedProcessOptions,
} from '../../../server/stack/managed-process';

const dir = mkdtempSync(join(tmpdir(), 'managed-process-'));
const started: ManagedProcess[] = [];

afterEach(async () => {
  for (const managed of started.splice(0)) {
    if (managed.currentState === ManagedProcessState.Running) await managed.kill();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function managedProcess(name: string, options: Partial<ManagedProcessOptions> = {}): ManagedProcess {
  const managed = new ManagedProcess({
    name,
    logPath: join(dir, `${name}.log`),
    cwd: dir,
    detached: true,
    startTimeoutMs: 5_000,
    stopTimeoutMs: 2_000,
    ...options,
  });
  started.push(managed);
  return managed;
}

/** `sh -c script`, ready once the script created `<dir>/<marker>`. */
function shell(script: string, marker: string): ManagedProcessLaunch {
  rmSync(join(dir, marker), { force: true });
  return {
    command: 'sh',
    args: ['-c', script],
    describeSpawnError: (error) => `spawn failed: ${error.message}`,
    probe: () => Promise.resolve(existsSync(join(dir, marker)) ? undefined : `${marker} missing`),
  };
}

/** True while the process exists and is not a zombie (a reparented one may be reaped late). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

describe('ManagedProcess', () => {
  it('runs once the probe passes, refuses a second start, and stops with SIGTERM', async () => {
    const managed = managedProcess('basic');
    let terminated = 0;
    managed.onTerminated(() => (terminated += 1));
    await managed.start(() => shell('echo hello; touch basic.ready; exec sleep 60', 'basic.ready'));
    expect(managed.currentState).toBe(ManagedProcessState.Running);
    const pid = managed.pid!;
    expect(alive(pid)).toBe(true);
    await expect(managed.start(() => shell('true', 'x'))).rejects.toThrow(/cannot start while running/);
    await managed.stop();
    expect(managed.currentState).toBe(ManagedProcessState.Stopped);
    expect(managed.pid).toBeUndefined();
    expect(alive(pid)).toBe(false);
    expect(terminated).toBe(1);
    expect(managed.logTail()).toContain('hello');
    await managed.stop(); // no-op when stopped
  });

  it('throws on stop() while starting', async () => {
    const managed = managedProcess('overlap');
    const starting = managed.start(() => shell('sleep 0.3; touch overlap.ready; exec sleep 60', 'overlap.ready'));
    await expect(managed.stop()).rejects.toThrow(/cannot stop while starting/);
    await starting;
    await managed.stop();
  });

  it('rejects with the exit reason and the log tail when the child dies before it is ready', async () => {
    const managed = managedProcess('dies');
    await expect(managed.start(() => shell('echo broken config >&2; exit 3', 'never'))).rejects.toThrow(
      /dies did not start \(exited with code 3\)[\s\S]*broken config/,
    );
    expect(managed.currentState).toBe(ManagedProcessState.Stopped);
  });

  it('kills a child that is not ready in time and says what was missing', async () => {
    const managed = managedProcess('slow', { startTimeoutMs: 300 });
    const failure = managed.start(() => shell('exec sleep 60', 'slow.ready'));
    await new Promise((resolveTick) => setTimeout(resolveTick, 50));
    const pid = managed.pid;
    await expect(failure).rejects.toThrow(/slow not ready after 300 ms \(slow.ready missing\)/);
    expect(pid === undefined || !alive(pid)).toBe(true);
    expect(managed.currentState).toBe(ManagedProcessState.Stopped);
  });

  it('names a missing binary through describeSpawnError', async () => {
    const managed = managedProcess('missing');
    await expect(
      managed.start(() => ({
        command: join(dir, 'no-such-binary'),
        args: [],
        describeSpawnError: (error) => (error.code === 'ENOENT' ? 'apt-get install it' : error.message),
        probe: () => Promise.resolve('never'),
      })),
    ).rejects.toThrow(/missing did not start \(apt-get install it\)/);
  });

  it('reports a crash of a running child to its listeners', async () => {
    const managed = managedProcess('crash');
    await managed.start(() => shell('touch crash.ready; exec sleep 60', 'crash.ready'));
    const reason = new Promise<string>((resolveReason) => managed.onDidExitUnexpectedly(resolveReason));
    process.kill(managed.pid!, 'SIGKILL');
    expect(await reason).toBe('killed by SIGKILL');
    expect(managed.currentState).toBe(ManagedProcessState.Stopped);
  });

  it('with killProcessGroup, leaves no worker of the group behind', async () => {
    const managed = managedProcess('group', { killProcessGroup: true });
    // the shell forks a worker, then waits: SIGTERM ends the shell, the worker must go too
    await managed.start(() => shell('sleep 60 & echo $! > group.worker; touch group.ready; wait', 'group.ready'));
    const pgid = managed.pid!;
    const worker = Number(readFileSync(join(dir, 'group.worker'), 'utf8').trim());
    expect(alive(worker)).toBe(true);
    await managed.stop();
    expect(alive(worker)).toBe(false);
    expect(alive(pgid)).toBe(false);
  });

  it('refuses killProcessGroup without an own process group', () => {
    expect(() => managedProcess('bad', { detached: false, killProcessGroup: true })).toThrow(/detached/);
  });
});
