/**
 * Owner-only permissions for the client's files at rest (issue 10): folders
 * 0700, files 0600, so another user of the same computer cannot read the call
 * journal, the messages, the directory cache or the secrets file.
 *
 * A file is created with its mode (not chmod-ed after the fact, which would
 * leave a moment where it is readable), and existing ones — from an older
 * version, or created under a lax umask — are tightened when opened. On
 * Windows POSIX modes do not exist (Node maps them to the read-only bit only):
 * the folder ACLs of the user's profile (AppData) do that job, so nothing is
 * chmod-ed there; the same code path runs otherwise.
 */
import * as nodeFs from 'node:fs';

/** The `node:fs` calls used here (a seam for the Windows test). */
export type OwnerOnlyFs = Pick<typeof nodeFs, 'mkdirSync' | 'chmodSync' | 'openSync' | 'closeSync' | 'existsSync'>;

export const OWNER_ONLY_DIR_MODE = 0o700;
export const OWNER_ONLY_FILE_MODE = 0o600;

/** See the file comment. */
export class OwnerOnlyFiles {
  constructor(
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly fs: OwnerOnlyFs = nodeFs,
  ) {}

  /** Creates `dir` (and its missing parents) 0700 and tightens `dir` itself if it already existed. */
  ensureDir(dir: string): void {
    this.fs.mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR_MODE });
    if (this.posix) this.fs.chmodSync(dir, OWNER_ONLY_DIR_MODE);
  }

  /**
   * Creates `file` empty with 0600 when it does not exist (SQLite takes an
   * empty file as a new database, and gives its -wal/-shm files the same mode),
   * otherwise tightens it to 0600.
   */
  ensureFile(file: string): void {
    // 'a': create if missing, never truncate; the mode applies only on creation.
    this.fs.closeSync(this.fs.openSync(file, 'a', OWNER_ONLY_FILE_MODE));
    this.restrict(file);
  }

  /** Tightens an existing file to 0600 (nothing when it does not exist). */
  restrict(file: string): void {
    if (this.posix && this.fs.existsSync(file)) this.fs.chmodSync(file, OWNER_ONLY_FILE_MODE);
  }

  private get posix(): boolean {
    return this.platform !== 'win32';
  }
}
