import type { SecretStore } from './secret-store';

/**
 * Secrets in process memory only: never written anywhere, lost at exit. The
 * web shell uses it so credentials are never stored in clear (SPEC A3); tests
 * use it as a fake.
 */
export class MemorySecretStore implements SecretStore {
  readonly persistent: boolean = false;
  private readonly values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}
