/**
 * A UC-server context for unit tests of server services: a migrated SQLite
 * file in its own temp data folder, a fresh token secret and the caller's
 * clock.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveServerConfig } from '../../server/src/platform/config';
import { openServerDatabase } from '../../server/src/app/server-database';
import { createServerContext, type Clock, type ServerContext } from '../../server/src/platform/server-context';

/** What {@link openTestServerContext} returns. */
export interface TestServerContext {
  /** db, dialect (`sqlite`), config (data folder = {@link dir}) and the given clock */
  readonly ctx: ServerContext;
  /** the temp data folder (database file, voicemail WAVs…) */
  readonly dir: string;
  /** Closes the database and removes {@link dir}. */
  close(): Promise<void>;
}

/**
 * Opens a fully migrated server database at `<dir>/db.sqlite` in a new temp
 * folder and builds the {@link ServerContext} around it.
 *
 * @param options.prefix - the temp folder's name prefix, e.g. `sb-mwi-`
 * @param options.clock - the injected time source
 * @param options.sipDomain - the config's SIP domain (the config's default otherwise)
 */
export async function openTestServerContext(options: {
  prefix: string;
  clock: Clock;
  sipDomain?: string;
}): Promise<TestServerContext> {
  const dir = mkdtempSync(join(tmpdir(), options.prefix));
  try {
    const database = await openServerDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
    const config = resolveServerConfig(
      { dataDir: dir, sipDomain: options.sipDomain },
      { tokenSecret: randomBytes(32) },
    );
    return {
      ctx: createServerContext({ database, config, clock: options.clock }),
      dir,
      async close() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
