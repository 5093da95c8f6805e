/**
 * Client data at rest (issue 10): another user of the same computer must not
 * be able to read an account's database (journal, messages, directory cache)
 * or its WAL — folders 0700, files 0600 — even under a lax umask and for files
 * an older version left world-readable.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allMigrations } from '../../../../src-main/core/app/client-migrations';
import { ACCOUNTS_DIR, AccountDatabases } from '../../../../src-main/core/platform/db/account-databases';
import { openDatabase } from '../../../../src-main/core/platform/db/open-database';
import { OwnerOnlyFiles, type OwnerOnlyFs } from '../../../../src-main/core/platform/db/owner-only-files';

const posix = process.platform !== 'win32';
const modeOf = (path: string): number => statSync(path).mode & 0o777;

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-modes-'));
  // the worst case: nothing masked, so only the code decides the modes
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(posix)('client files at rest are owner-only', () => {
  it("another local user cannot read an account's database, its WAL or its folder", () => {
    const databases = new AccountDatabases({ dataDir: dir, migrations: allMigrations });
    const db = databases.open({ origin: 'https://uc.example', user: '100' });
    try {
      db.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"fr\"')").run();
      const file = databases.pathOf({ origin: 'https://uc.example', user: '100' });
      expect(modeOf(join(dir, ACCOUNTS_DIR))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
    } finally {
      databases.close(db);
      databases.dispose();
    }
  });

  it('tightens a database, its WAL and its folder left world-readable by an older version', () => {
    const folder = join(dir, 'accounts');
    const file = join(folder, 'old.sqlite');
    openDatabase(file, { migrations: allMigrations }).close();
    chmodSync(folder, 0o755);
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '', { mode: 0o644 });
    openDatabase(file, { migrations: allMigrations }).close();
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
  });

  it('creates the missing parent folders 0700 too', () => {
    new OwnerOnlyFiles().ensureDir(join(dir, 'a', 'b'));
    expect(modeOf(join(dir, 'a'))).toBe(0o700);
    expect(modeOf(join(dir, 'a', 'b'))).toBe(0o700);
    mkdirSync(join(dir, 'lax'), { mode: 0o777 });
    new OwnerOnlyFiles().ensureDir(join(dir, 'lax'));
    expect(modeOf(join(dir, 'lax'))).toBe(0o700);
  });
});

describe('owner-only files on Windows', () => {
  it('creates the folders and the file with the same calls but never chmods', () => {
    const calls: string[] = [];
    const fs: OwnerOnlyFs = {
      mkdirSync: ((p: string, o: { mode: number }) => void calls.push(`mkdir ${p} ${o.mode.toString(8)}`)) as never,
      chmodSync: ((p: string) => void calls.push(`chmod ${p}`)) as never,
      openSync: ((p: string, flag: string, mode: number) => {
        calls.push(`open ${p} ${flag} ${mode.toString(8)}`);
        return 3;
      }) as never,
      closeSync: (() => void calls.push('close')) as never,
      existsSync: () => true,
    };
    const files = new OwnerOnlyFiles('win32', fs);
    files.ensureDir('C:\\data');
    files.ensureFile('C:\\data\\a.sqlite');
    files.restrict('C:\\data\\a.sqlite-wal');
    expect(calls).toEqual(['mkdir C:\\data 700', 'open C:\\data\\a.sqlite a 600', 'close']);
  });
});
