import BetterSqlite3 from 'better-sqlite3';
import type { DirectoryEntry } from '../../src-preload/contract/directory/directory-http';
import { UcServerClient } from '../../src-main/core/app/uc-server-client';

/** The personal contacts the server holds for `user`, read through its own change feed from 0. */
export async function serverPersonalContacts(
  apiUrl: string,
  user: string,
  password: string,
): Promise<Map<string, DirectoryEntry>> {
  const client = new UcServerClient({ apiUrl });
  await client.login({ user, password });
  const contacts = new Map<string, DirectoryEntry>();
  let since = 0;
  for (let page = 0; page < 10_000; page++) {
    const reply = await client.changes(since, 5000);
    for (const c of reply.changes) {
      if (c.op === 'upsert' && c.entry?.source === 'personal') contacts.set(c.id, c.entry);
      else if (c.op === 'delete') contacts.delete(c.id);
    }
    since = reply.revision;
    if (!reply.hasMore) break;
  }
  await client.logout().catch(() => undefined);
  return contacts;
}

/** Personal rows of a client's cache file, plus its integrity check (read-only, beside the running client). */
export function localCache(dbPath: string): {
  personal: Map<string, { displayName: string; pending: number }>;
  count: number;
  integrity: string;
  outbox: number;
} {
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT id, display_name, pending_sync FROM directory_entries WHERE source = 'personal'")
      .all() as { id: string; display_name: string; pending_sync: number }[];
    return {
      personal: new Map(rows.map((r) => [r.id, { displayName: r.display_name, pending: r.pending_sync }])),
      count: db.prepare('SELECT count(*) FROM directory_entries').pluck().get() as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      outbox: db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** Polls `cond` every 20 ms up to `timeoutMs`. */
export async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
