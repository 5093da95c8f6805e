/**
 * Where the core keeps secrets (the remembered login for auto-login, SPEC A3).
 * Implementations: {@link MemorySecretStore} (web shell, tests: nothing ever
 * reaches the disk) and the Electron shell's safeStorage store
 * (src-main/shell/safe-storage-secret-store.ts: OS keychain encryption).
 */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  /** @throws SecretStoreError when the value cannot be kept safely (nothing is written then) */
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** true when values survive a restart (false: auto-login cannot work) */
  readonly persistent: boolean;
}

/** A secret could not be stored safely; `message` says why (shown in logs, never the secret). */
export class SecretStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretStoreError';
  }
}
