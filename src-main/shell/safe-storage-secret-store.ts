/**
 * SecretStore on Electron's safeStorage (OS keychain: DPAPI on Windows,
 * Keychain on macOS, libsecret/kwallet on Linux): values are encrypted by the
 * OS-held key and the ciphertext is kept in one JSON file in userData.
 *
 * Refuses to persist (SecretStoreError, nothing written) when encryption is
 * not available, or when Linux falls back to the `basic_text` backend, whose
 * key is a constant compiled into Chromium — that would be storing the
 * password in clear with extra steps (SPEC A3: credentials only through the
 * OS keychain). The file is written atomically (temp file + rename), mode 0600.
 *
 * Electron-free on purpose (the safeStorage object is injected) so it is
 * unit-tested with a fake.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { OwnerOnlyFiles } from '../core/platform/db/owner-only-files';
import { SecretStoreError, type SecretStore } from '../core/platform/secrets/secret-store';

/** The part of Electron's `safeStorage` this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only */
  getSelectedStorageBackend?(): string;
}

export class SafeStorageSecretStore implements SecretStore {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    /** e.g. path.join(app.getPath('userData'), 'secrets.json') */
    private readonly filePath: string,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly ownerOnly: OwnerOnlyFiles = new OwnerOnlyFiles(platform),
  ) {}

  /** Whether values can be kept encrypted right now (read before offering "remember me"). */
  get persistent(): boolean {
    return this.unavailableReason() === undefined;
  }

  /** Why secrets cannot be persisted, or undefined when they can. */
  unavailableReason(): string | undefined {
    if (!this.safeStorage.isEncryptionAvailable()) {
      return 'the operating system keychain is not available, so the password cannot be stored encrypted';
    }
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return 'no keyring (gnome-libsecret or kwallet) is running, so the password cannot be stored encrypted';
    }
    return undefined;
  }

  async get(key: string): Promise<string | undefined> {
    const encrypted = this.readAll()[key];
    if (encrypted === undefined || !this.safeStorage.isEncryptionAvailable()) return undefined;
    try {
      return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      // Encrypted by another OS user or a lost keychain: unusable, treat as absent.
      return undefined;
    }
  }

  async set(key: string, value: string): Promise<void> {
    const reason = this.unavailableReason();
    if (reason) throw new SecretStoreError(`not stored: ${reason}`);
    const all = this.readAll();
    all[key] = this.safeStorage.encryptString(value).toString('base64');
    this.writeAll(all);
  }

  async delete(key: string): Promise<void> {
    const all = this.readAll();
    if (!(key in all)) return;
    delete all[key];
    this.writeAll(all);
  }

  private readAll(): Record<string, string> {
    let text: string;
    try {
      text = readFileSync(this.filePath, 'utf8');
    } catch {
      return {};
    }
    try {
      const json: unknown = JSON.parse(text);
      if (json === null || typeof json !== 'object' || Array.isArray(json)) return {};
      return Object.fromEntries(
        Object.entries(json as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    } catch {
      return {};
    }
  }

  private writeAll(all: Record<string, string>): void {
    const tmp = `${this.filePath}.${process.pid}.tmp`;
    try {
      this.ownerOnly.ensureDir(dirname(this.filePath));
      // 'wx': a new file, so the 0600 mode applies (a left-over temp file is removed first)
      rmSync(tmp, { force: true });
      writeFileSync(tmp, JSON.stringify(all), { mode: 0o600, flag: 'wx' });
      this.ownerOnly.restrict(tmp);
      renameSync(tmp, this.filePath);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw new SecretStoreError(`cannot write ${this.filePath}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  }
}
