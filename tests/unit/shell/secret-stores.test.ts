import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../src-main/core/platform/secrets/memory-secret-store';
import { SecretStoreError } from '../../../src-main/core/platform/secrets/secret-store';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../../src-main/shell/safe-storage-secret-store';

/** A reversible stand-in for Electron's safeStorage (XOR + marker), with switches. */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  key = 0x5a;
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plainText: string): Buffer {
    return Buffer.concat([Buffer.from('v10'), Buffer.from(plainText, 'utf8').map((b) => b ^ this.key)]);
  }
  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('bad ciphertext');
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ this.key)).toString('utf8');
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

const secret = JSON.stringify({ server: 'uc.example.com', user: '100', password: 'Welcome100!' });

describe('MemorySecretStore', () => {
  it('keeps values in memory only and says it is not persistent', async () => {
    const store = new MemorySecretStore();
    expect(store.persistent).toBe(false);
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('SafeStorageSecretStore', () => {
  let dir: string;
  let file: string;
  let safe: FakeSafeStorage;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-secrets-'));
    file = join(dir, 'sub', 'secrets.json');
    safe = new FakeSafeStorage();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores only ciphertext, owner-readable, and reads it back in a new instance', async () => {
    const store = new SafeStorageSecretStore(safe, file, 'linux');
    expect(store.persistent).toBe(true);
    await store.set('uc-login', secret);
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('Welcome100!');
    expect(raw).not.toContain('uc.example.com');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sub')).mode & 0o777).toBe(0o700);
    expect(await new SafeStorageSecretStore(safe, file, 'linux').get('uc-login')).toBe(secret);
    await store.delete('uc-login');
    expect(await store.get('uc-login')).toBeUndefined();
  });

  it('keeps the secrets file 0600 and its folder 0700 under a lax umask, even over a stale temp file', async () => {
    const umask = process.umask(0);
    try {
      writeFileSync(join(dir, 'secrets.json.' + process.pid + '.tmp'), 'stale', { mode: 0o666 });
      const store = new SafeStorageSecretStore(safe, join(dir, 'secrets.json'), 'linux');
      await store.set('uc-login', secret);
      expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(umask);
    }
  });

  it('refuses to persist without OS encryption, and says why; nothing is written', async () => {
    safe.available = false;
    const store = new SafeStorageSecretStore(safe, file, 'win32');
    expect(store.persistent).toBe(false);
    await expect(store.set('uc-login', secret)).rejects.toThrow(SecretStoreError);
    await expect(store.set('uc-login', secret)).rejects.toThrow(/keychain is not available/);
    expect(() => statSync(file)).toThrow();
  });

  it('refuses the Linux basic_text backend (a constant key = clear text)', async () => {
    safe.backend = 'basic_text';
    const store = new SafeStorageSecretStore(safe, file, 'linux');
    expect(store.persistent).toBe(false);
    await expect(store.set('uc-login', secret)).rejects.toThrow(/no keyring/);
    expect(new SafeStorageSecretStore(safe, file, 'darwin').persistent).toBe(true);
  });

  it('treats a corrupt file or an undecryptable value as absent', async () => {
    const store = new SafeStorageSecretStore(safe, file, 'linux');
    await store.set('a', 'one');
    writeFileSync(file, '{not json');
    expect(await store.get('a')).toBeUndefined();
    writeFileSync(file, JSON.stringify({ a: Buffer.from('garbage').toString('base64'), b: 42 }));
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeUndefined();
    await store.set('c', 'three');
    expect(await store.get('c')).toBe('three');
  });
});
