import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { getFreePort } from '../../server/stack/free-port';

/** PostgreSQL 15 server binaries (Debian package postgresql-15). */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL cluster on 127.0.0.1 (see {@link startPostgres}). */
export interface PostgresFixture {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  readonly url: string;
  readonly port: number;
  /** Creates an empty database and returns its URL (isolation between test files/suites). */
  createDatabase(name?: string): Promise<string>;
  /** Stops the cluster (fast shutdown) and removes its directory; idempotent. */
  stop(): Promise<void>;
}

const live = new Set<string>();
let exitHook = false;

function runAs(user: string | undefined, command: string, args: string[], timeoutMs = 60_000): void {
  // postgres refuses to run as root: run as the `postgres` system user then
  const [bin, argv] = user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  const result = spawnSync(bin, argv, { encoding: 'utf8', timeout: timeoutMs });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

function stopCluster(user: string | undefined, dataDir: string): void {
  spawnSync(
    user ? 'runuser' : `${PG_BIN}/pg_ctl`,
    [
      ...(user ? ['-u', user, '--', `${PG_BIN}/pg_ctl`] : []),
      'stop',
      '-D',
      dataDir,
      '-m',
      'immediate',
      '-w',
      '-t',
      '20',
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
}

/**
 * initdb + pg_ctl start in a temp dir: trust auth, listening on 127.0.0.1
 * only (random port), unix socket inside the temp dir, fsync off (tests).
 * As root, the cluster runs as the `postgres` user.
 */
export async function startPostgres(): Promise<PostgresFixture> {
  const user = process.getuid?.() === 0 ? 'postgres' : undefined;
  const root = mkdtempSync(join(tmpdir(), 'sb-pg-'));
  const dataDir = join(root, 'data');
  if (user) {
    const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  try {
    runAs(user, `${PG_BIN}/initdb`, [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-sync',
      '--locale=C.UTF-8',
    ]);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  let lastError: unknown;
  // bounded retries: the free port may be taken between the probe and the bind
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await getFreePort('tcp');
    const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
    try {
      runAs(user, `${PG_BIN}/pg_ctl`, [
        'start',
        '-D',
        dataDir,
        '-w',
        '-t',
        '30',
        '-l',
        join(root, 'postgres.log'),
        '-o',
        options,
      ]);
    } catch (error) {
      lastError = error;
      continue;
    }
    live.add(`${user ?? ''}\n${dataDir}`);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const entry of live) {
          const [u, d] = entry.split('\n') as [string, string];
          stopCluster(u || undefined, d);
        }
      });
    }
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let stopped = false;
    let counter = 0;
    return {
      url,
      port,
      async createDatabase(name = `t${Date.now().toString(36)}_${counter++}`) {
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name ${name}`);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        stopCluster(user, dataDir);
        live.delete(`${user ?? ''}\n${dataDir}`);
        rmSync(root, { recursive: true, force: true });
      },
    };
  }
  rmSync(root, { recursive: true, force: true });
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
