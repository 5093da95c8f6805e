/**
 * Empty UC-server databases for migration tests, on SQLite or on a throwaway
 * PostgreSQL cluster, set up and torn down with the enclosing `describe`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  openServerDatabase,
  type DatabaseDialect,
  type Db,
  type OpenDatabase,
} from '../../server/src/app/server-database';
import { startPostgres, type PostgresFixture } from './postgres-fixture';

/**
 * Registers `beforeAll`/`afterAll` hooks in the calling `describe`: a temp
 * folder (SQLite files) and, for `postgres`, a cluster of its own. Every
 * call of the returned function opens a new, empty, NOT migrated database
 * (a new SQLite file or a new PostgreSQL database), so each test applies the
 * migrations it is about itself; all are closed, and the cluster and folder
 * removed, after the suite.
 *
 * @param dialect - which database server the suite runs on
 * @param prefix - the temp folder's name prefix (tells the suites apart in /tmp)
 * @returns `freshDb()`: opens the next empty database
 *
 * @example
 * describe.each(['sqlite', 'postgres'] as const)('migration 00xx on %s', (dialect) => {
 *   const freshDb = useFreshServerDatabases(dialect, 'sb-xmig-');
 *   it('…', async () => {
 *     const db = await freshDb();
 *     await runMigrations(db as unknown as Kysely<unknown>, { upTo: '00xx-…' });
 *   });
 * });
 */
export function useFreshServerDatabases(dialect: DatabaseDialect, prefix: string): () => Promise<Db> {
  let postgres: PostgresFixture | undefined;
  let tempDir: string;
  const opened: OpenDatabase[] = [];

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), prefix));
    if (dialect === 'postgres') postgres = await startPostgres();
  });
  afterAll(async () => {
    for (const d of opened) await d.close();
    await postgres?.stop();
    rmSync(tempDir, { recursive: true, force: true });
  });

  return async () => {
    const url = postgres ? await postgres.createDatabase() : `sqlite:${join(tempDir, `db-${opened.length}.sqlite`)}`;
    const d = await openServerDatabase(url, { migrate: false });
    opened.push(d);
    return d.db;
  };
}
