import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Voicemail } from '../../../../src-preload/contract/voicemail';
import type { ServerContext } from '../../platform/server-context';
import type { Selectable } from 'kysely';
import type { VoicemailsTable } from './voicemail-tables';

type VoicemailRow = Selectable<VoicemailsTable>;

/** Listened messages are deleted this long after they were marked listened (SPEC H1). */
export const LISTENED_RETENTION_MS = 30 * 24 * 3600_000;

/**
 * A file under the voicemail folder without a row is deleted once it is this
 * old: younger, it may be a message being stored right now (file written,
 * row not yet inserted).
 */
export const ORPHAN_MIN_AGE_MS = 10 * 60_000;

/** Bounds of one orphan scan: entries of the voicemail folder (one folder per account), files in all. */
const MAX_SCANNED_ENTRIES = 100_000;
const MAX_SCANNED_FILES = 200_000;

/** Folder of the WAV files, under the server's data directory. */
export const VOICEMAIL_DIR = 'voicemail';

/** What the SIP side hands over when a caller left a message. */
export interface NewVoicemail {
  accountId: number;
  callerNumber: string;
  callerName: string | null;
  durationMs: number;
  /** the whole WAV file (16-bit mono 8 kHz) */
  wav: Uint8Array;
}

function toApi(row: VoicemailRow): Voicemail {
  return {
    id: row.id,
    callerNumber: row.caller_number,
    callerName: row.caller_name,
    receivedAt: Number(row.received_at),
    durationMs: Number(row.duration_ms),
    listened: Number(row.listened) === 1,
  };
}

/**
 * The voicemails of every mailbox: rows in the `voicemails` table, audio in
 * `<dataDir>/voicemail/<accountId>/<id>.wav`. Every read or change takes the
 * owner's account id, so an account never sees another one's messages (the
 * routes answer 404 then, not 403: ids of others do not exist for the caller).
 * Each change signals `voicemails-changed` to the owner's live connections.
 */
export class VoicemailStore {
  constructor(private readonly ctx: ServerContext) {}

  /** Stores a new message (file first, then the row: a row never points at a missing file). */
  async add(message: NewVoicemail): Promise<Voicemail> {
    const id = randomUUID();
    const path = join(VOICEMAIL_DIR, String(message.accountId), `${id}.wav`);
    const absolute = this.absolute(path);
    await mkdir(dirname(absolute), { recursive: true, mode: 0o700 });
    await writeFile(absolute, message.wav, { mode: 0o600 });
    const row: VoicemailRow = {
      id,
      account_id: message.accountId,
      caller_number: message.callerNumber.slice(0, 128),
      caller_name: message.callerName === null ? null : message.callerName.slice(0, 200),
      received_at: this.ctx.clock.now(),
      duration_ms: Math.max(0, Math.round(message.durationMs)),
      path,
      listened: 0,
      listened_at: null,
    };
    try {
      await this.ctx.db.insertInto('voicemails').values(row).execute();
    } catch (error) {
      await rm(absolute, { force: true });
      throw error;
    }
    this.ctx.changes.signal(message.accountId, { type: 'voicemails-changed' });
    return toApi(row);
  }

  /** The mailbox of `accountId`, newest first. */
  async list(accountId: number): Promise<Voicemail[]> {
    const rows = await this.ctx.db
      .selectFrom('voicemails')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('received_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toApi);
  }

  /** The WAV bytes of one message of `accountId`, or undefined (no such message for this account, or file gone). */
  async audio(accountId: number, id: string): Promise<Buffer | undefined> {
    const row = await this.row(accountId, id);
    if (!row) return undefined;
    try {
      return await readFile(this.absolute(row.path));
    } catch {
      return undefined;
    }
  }

  /** Marks a message listened (or new again); undefined when it is not one of `accountId`'s. */
  async setListened(accountId: number, id: string, listened: boolean): Promise<Voicemail | undefined> {
    const row = await this.row(accountId, id);
    if (!row) return undefined;
    const listenedAt = listened ? (Number(row.listened) === 1 ? row.listened_at : this.ctx.clock.now()) : null;
    await this.ctx.db
      .updateTable('voicemails')
      .set({ listened: listened ? 1 : 0, listened_at: listenedAt })
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .execute();
    this.ctx.changes.signal(accountId, { type: 'voicemails-changed' });
    return toApi({ ...row, listened: listened ? 1 : 0, listened_at: listenedAt });
  }

  /** Deletes a message and its file; false when it is not one of `accountId`'s. */
  async delete(accountId: number, id: string): Promise<boolean> {
    const row = await this.row(accountId, id);
    if (!row) return false;
    await this.ctx.db.deleteFrom('voicemails').where('id', '=', id).where('account_id', '=', accountId).execute();
    await rm(this.absolute(row.path), { force: true });
    this.ctx.changes.signal(accountId, { type: 'voicemails-changed' });
    return true;
  }

  /**
   * SPEC H1: deletes the messages marked listened at least
   * {@link LISTENED_RETENTION_MS} ago (by ctx.clock). New messages are kept
   * whatever their age. Returns how many were deleted.
   */
  async purgeListened(): Promise<number> {
    const cutoff = this.ctx.clock.now() - LISTENED_RETENTION_MS;
    const rows = await this.ctx.db
      .selectFrom('voicemails')
      .select(['id', 'account_id', 'path'])
      .where('listened', '=', 1)
      .where('listened_at', '<=', cutoff)
      .execute();
    const owners = new Set<number>();
    for (const row of rows) {
      await this.ctx.db.deleteFrom('voicemails').where('id', '=', row.id).execute();
      await rm(this.absolute(row.path), { force: true });
      owners.add(row.account_id);
    }
    for (const owner of owners) this.ctx.changes.signal(owner, { type: 'voicemails-changed' });
    return rows.length;
  }

  /**
   * Deletes the files under the voicemail folder that no row points at and
   * that were last modified at least {@link ORPHAN_MIN_AGE_MS} ago (by
   * ctx.clock): the WAVs of deleted accounts (their rows went with the
   * account, ON DELETE CASCADE) and those of a crash between the file write
   * and the INSERT. Folders stay (removing one could race with add(),
   * which creates it before writing). Returns how many files were deleted.
   */
  async purgeOrphans(): Promise<number> {
    const root = resolve(this.ctx.config.dataDir, VOICEMAIL_DIR);
    const cutoff = this.ctx.clock.now() - ORPHAN_MIN_AGE_MS;
    const files: string[] = [];
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    // bounded: the rest waits for the next run
    for (const entry of entries.slice(0, MAX_SCANNED_ENTRIES)) {
      if (files.length >= MAX_SCANNED_FILES) break;
      const full = join(root, entry.name);
      if (entry.isFile()) files.push(full);
      else if (entry.isDirectory()) {
        const inner = await readdir(full, { withFileTypes: true }).catch(() => []);
        const room = MAX_SCANNED_FILES - files.length;
        for (const file of inner.filter((f) => f.isFile()).slice(0, room)) files.push(join(full, file.name));
      }
    }
    if (files.length === 0) return 0;
    // read after the listing: a file written since has a row already or is too young to go
    const rows = await this.ctx.db.selectFrom('voicemails').select('path').execute();
    const known = new Set(rows.map((r) => resolve(this.ctx.config.dataDir, r.path)));
    let deleted = 0;
    for (const file of files) {
      if (known.has(file)) continue;
      const info = await stat(file).catch(() => undefined);
      if (!info || info.mtimeMs > cutoff) continue;
      await rm(file, { force: true });
      deleted += 1;
    }
    return deleted;
  }

  private row(accountId: number, id: string): Promise<VoicemailRow | undefined> {
    return this.ctx.db
      .selectFrom('voicemails')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  /** Absolute path of a stored relative path; refuses anything outside the voicemail folder. */
  private absolute(path: string): string {
    const root = resolve(this.ctx.config.dataDir, VOICEMAIL_DIR);
    const full = resolve(this.ctx.config.dataDir, path);
    if (!full.startsWith(root + sep)) throw new Error(`voicemail path outside ${root}: ${path}`);
    return full;
  }
}
