import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { DemoUser } from '../src/features/accounts';

/** Where Debian's kamailio-sqlite-modules installs the schema files. */
export const KAMAILIO_SQLITE_SCHEMA_DIR = '/usr/share/kamailio/db_sqlite';

// standard = `version` table (modules check table versions at startup)
const SCHEMA_FILES = ['standard', 'auth_db', 'usrloc', 'presence', 'dialog'].map(
  (name) => `${KAMAILIO_SQLITE_SCHEMA_DIR}/${name}-create.sql`,
);

/**
 * (Re)creates the SQLite database Kamailio reads: the tables of the loaded
 * modules plus one `subscriber` row per user, in WAL mode (several Kamailio
 * workers access it at once). Uses the `sqlite3` CLI, which avoids any native
 * Node module ABI concern.
 */
export function createKamailioDb(dbPath: string, users: readonly DemoUser[], domain: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });
  const statements: string[] = ['PRAGMA journal_mode=WAL;'];
  for (const file of SCHEMA_FILES) statements.push(`.read ${file}`);
  statements.push('BEGIN;');
  for (const user of users) {
    // auth_db reads ha1 (calculate_ha1 no, realm = domain); no plain password is stored
    const ha1 = md5(`${user.number}:${domain}:${user.password}`);
    const ha1b = md5(`${user.number}@${domain}:${domain}:${user.password}`);
    statements.push(
      `INSERT INTO subscriber(username, domain, password, ha1, ha1b) VALUES (${sql(user.number)}, ${sql(domain)}, '', ${sql(ha1)}, ${sql(ha1b)});`,
    );
  }
  statements.push('COMMIT;');
  const result = spawnSync('sqlite3', ['-bail', dbPath], {
    input: statements.join('\n') + '\n',
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (result.error) {
    const hint =
      (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (install it: apt-get install sqlite3)' : '';
    throw new Error(`Cannot run sqlite3${hint}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(`sqlite3 failed creating ${dbPath} (exit ${result.status}): ${result.stderr.trim()}`);
  }
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** SQL string literal: single quotes doubled (SQLite syntax). */
function sql(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
