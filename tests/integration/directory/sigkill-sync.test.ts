/**
 * SPEC K: a client killed with SIGKILL in the middle of a sync loses nothing
 * and duplicates nothing once restarted, and its cache stays consistent
 * (PRAGMA integrity_check = ok). The client runs in a child process
 * (tests/support/sync-client-process.ts) on a real database file against the
 * real UC server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGlobalDirectory } from '../../support/seed-directory';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { localCache, serverPersonalContacts } from '../../support/sync-helpers';

const repo = resolve(__dirname, '../../..');
const script = join(repo, 'tests/support/sync-client-process.ts');
const tsx = join(repo, 'node_modules/.bin/tsx');

interface Run {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

function runClient(args: string[]): Run {
  const child = spawn(tsx, [script, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not ours
      }
    }
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((res) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(stderr.slice(-2000));
      res(code);
    }),
  );
  return { child, lines, exited };
}

async function waitFor(run: Run, what: string, pred: (l: Record<string, unknown>) => boolean, ms = 60_000) {
  const end = Date.now() + ms;
  while (!run.lines.some(pred)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(run.lines.at(-1))}`);
    if (run.child.exitCode !== null) throw new Error(`client exited (${run.child.exitCode}) before ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('SIGKILL in the middle of a sync', () => {
  let stack: UcStack;
  const dirs: string[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false });
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await stack?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const newDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'sb-kill-'));
    dirs.push(d);
    return d;
  };

  it('killed while flushing a big outbox: restarted, every contact reaches the server exactly once', async () => {
    const data = newDir();
    const total = 400;
    const base = ['--api', stack.apiUrl, '--user', '100', '--password', 'Welcome100!', '--data', data];
    const first = runClient([...base, '--create', String(total)]);
    children.push(first.child);
    await waitFor(first, 'queued', (l) => l['queued'] === total);
    // mid-way through the flush
    await waitFor(
      first,
      'flush under way',
      (l) => typeof l['pending'] === 'number' && (l['pending'] as number) < total - 60,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    const atKill = localCache(join(data, 'switchboard.sqlite'));
    expect(atKill.integrity).toBe('ok');
    expect(atKill.outbox).toBeGreaterThan(0);
    expect(atKill.outbox).toBeLessThan(total);

    const second = runClient(base);
    children.push(second.child);
    await waitFor(second, 'done', (l) => l['done'] === true);
    expect(await second.exited).toBe(0);

    const server = await serverPersonalContacts(stack.apiUrl, '100', 'Welcome100!');
    const names = [...server.values()].map((e) => e.displayName);
    expect(server.size).toBe(total);
    expect(new Set(names).size).toBe(total);
    const cache = localCache(join(data, 'switchboard.sqlite'));
    expect(cache.integrity).toBe('ok');
    expect(cache.outbox).toBe(0);
    expect([...cache.personal.keys()].sort()).toEqual([...server.keys()].sort());
    expect([...cache.personal.values()].every((p) => p.pending === 0)).toBe(true);
  });

  it('killed while pulling a large feed: restarted, the cache holds exactly the server entries', async () => {
    const revision = await seedGlobalDirectory(stack.ctx!, 30_000);
    const data = newDir();
    const base = ['--api', stack.apiUrl, '--user', '101', '--password', 'Welcome101!', '--data', data, '--page', '500'];
    const first = runClient(base);
    children.push(first.child);
    await waitFor(
      first,
      'pull under way',
      (l) => typeof l['revision'] === 'number' && (l['revision'] as number) > 5000,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = localCache(join(data, 'switchboard.sqlite'));
    expect(atKill.integrity).toBe('ok');
    expect(atKill.count).toBeGreaterThan(0);

    const second = runClient(base);
    children.push(second.child);
    await waitFor(second, 'done', (l) => l['done'] === true, 120_000);
    expect(await second.exited).toBe(0);
    const done = second.lines.find((l) => l['done'] === true)!;
    expect(done['revision']).toBeGreaterThanOrEqual(revision);
    const cache = localCache(join(data, 'switchboard.sqlite'));
    expect(cache.integrity).toBe('ok');
    // every entry visible to 101: 30 000 global + the internal directory (demo users) + 100's personal are not visible
    const visible = 30_000 + stack.users.length;
    expect(cache.count).toBe(visible);
  });
});
