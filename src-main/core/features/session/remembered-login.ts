import type { Logger } from '../../platform/feature';
import type { SecretStore } from '../../platform/secrets/secret-store';
import { parseServerAddress } from '../../platform/uc/server-address';

/** SecretStore key of the remembered login. */
export const REMEMBERED_LOGIN_KEY = 'uc-login';

/** What "remember me" keeps for auto-login (SPEC A3). */
export interface RememberedLogin {
  server: string;
  user: string;
  password: string;
}

export interface RememberedLoginsOptions {
  secrets: SecretStore;
  /** turns the auto-login setting on or off (a device setting) */
  setAutoLogin: (enabled: boolean) => void;
  log: Logger;
}

/**
 * The device keeps at most one remembered login, and only ever the account
 * that logged in last (a PC shared by several users, issue 8): a login as
 * another account, remembered or not, forgets the previous one's, so
 * auto-login can never start the previous user's session for whoever starts
 * the app next, nor show their data.
 */
export class RememberedLogins {
  constructor(private readonly options: RememberedLoginsOptions) {}

  /** After a successful login: keep, replace or forget the remembered login as `remember` says. */
  async apply(remember: boolean | undefined, login: RememberedLogin): Promise<void> {
    if (remember === undefined) {
      // autoLogin() itself, the demo, an API caller that did not say: keep a remembered login only if it is this one.
      const stored = await this.read();
      if (stored && !sameAccount(stored, login)) await this.forget();
      return;
    }
    if (!remember) {
      await this.forget();
      return;
    }
    if (!this.options.secrets.persistent) {
      // e.g. the web shell: nothing is ever written, so there is nothing to log in with at the next start.
      this.options.log('info', 'login not remembered: this shell keeps no credentials across restarts');
      await this.forget();
      return;
    }
    try {
      await this.write(login);
      this.options.setAutoLogin(true);
    } catch (err) {
      // e.g. no OS keychain: the login itself succeeded; only auto-login is unavailable —
      // and a previous account's remembered login must not stand in for this one.
      this.options.log('warn', `login not remembered: ${err instanceof Error ? err.message : String(err)}`);
      await this.forget();
    }
  }

  /** Deletes the remembered login and turns auto-login off (the next user's "remember me" starts unticked). */
  async forget(): Promise<void> {
    await this.options.secrets.delete(REMEMBERED_LOGIN_KEY).catch((err: unknown) => {
      this.options.log('warn', `could not forget the stored login: ${String(err)}`);
    });
    this.options.setAutoLogin(false);
  }

  /** Auto-login was turned off in the settings: the credentials go too (fire and forget). */
  discard(): void {
    void this.options.secrets.delete(REMEMBERED_LOGIN_KEY).catch(() => undefined);
  }

  async read(): Promise<RememberedLogin | undefined> {
    let text: string | undefined;
    try {
      text = await this.options.secrets.get(REMEMBERED_LOGIN_KEY);
    } catch (err) {
      this.options.log('warn', `could not read the stored login: ${String(err)}`);
      return undefined;
    }
    if (!text) return undefined;
    try {
      const v = JSON.parse(text) as Partial<RememberedLogin>;
      if (typeof v.server === 'string' && typeof v.user === 'string' && typeof v.password === 'string') {
        return { server: v.server, user: v.user, password: v.password };
      }
    } catch {
      // fall through: unusable, treat as absent
    }
    return undefined;
  }

  write(login: RememberedLogin): Promise<void> {
    return this.options.secrets.set(REMEMBERED_LOGIN_KEY, JSON.stringify(login));
  }
}

/** Same UC account: the same server (however it was typed) and user. */
function sameAccount(a: RememberedLogin, b: RememberedLogin): boolean {
  const origin = (server: string): string => {
    const parsed = parseServerAddress(server);
    return parsed.ok ? parsed.origin : server.trim().toLowerCase();
  };
  return a.user === b.user && origin(a.server) === origin(b.server);
}
