import {
  invokeSchemas,
  type InvokeChannel,
  type InvokeResult,
  type SessionState,
  type Settings,
} from '../../../src-preload/contract/ipc-contract';
import { brokenPasswordRules, reusesCurrentPassword } from '../../../src-preload/contract/session/password-policy';
import type { ReconnectPolicyOptions } from '../../../src-preload/contract/platform/reconnect-policy';
import { isCleartextToNetwork } from '../../../src-preload/contract/platform/loopback-host';
import type { Provisioning } from '../../../src-preload/contract/session/session-http';
import type { TrustedCertificate } from '../../../src-preload/contract/session/session-ipc';
import type { PhoneEngine, PhoneLineConfig } from '../features/calls';
import {
  assertSessionTransition,
  failedLoginState,
  passwordChangeError,
  sessionFromRegistration,
  type RememberedLogins,
} from '../features/session';
import type { TimerHandle } from '../platform/clock';
import { accountKey, type AccountDatabases } from '../platform/db/account-databases';
import { disposeInOrder, type Disposable } from '../platform/disposable';
import type { AccountScope, Feature, LoginSession } from '../platform/feature';
import type { BackendEventListener, Handlers, ValidPayload } from '../platform/ipc/uc-backend';
import { UcError } from '../platform/ipc/uc-error';
import type { CertificatePins } from '../platform/tls/certificate-pins';
import { CertificateTrust, type CertificateTrustError } from '../platform/tls/certificate-trust';
import { parseServerAddress } from '../platform/uc/server-address';
import { UcClientError } from '../platform/uc/uc-client-error';
import { UcConnection } from '../platform/uc/uc-connection';
import { UcEventsClient, type EventsSocket } from '../platform/uc/uc-events-client';
import { UcHttpClient, type FetchFn } from '../platform/uc/uc-http-client';
import type { AppFeatureHost } from './feature-host';
import type { ExternalLinkOrigin, ShellBackend, ShellIntegration, WindowController } from './shell-backend';

/** What the session needs of the calls feature: SIP is part of the login (SPEC A4). */
export interface SessionPhone {
  readonly engine: PhoneEngine | undefined;
  createEngine(config: PhoneLineConfig): PhoneEngine;
  stopEngine(): Promise<void>;
}

/** What the session needs of the settings: auto-login, and the server list the login adds to. */
export interface SessionSettings {
  get(): Settings;
  rememberServer(server: string): Settings;
}

/** AppCore's parts, built by {@link composeAppCore} (`compose-app-core.ts`), never by AppCore itself. */
export interface AppCoreParts {
  host: AppFeatureHost;
  /** the features, in registry order (their account and login phases run in this order) */
  features: readonly Feature[];
  databases: AccountDatabases;
  settings: SessionSettings;
  remembered: RememberedLogins;
  /** the certificates the user trusted, per server (SPEC A1) */
  pins: CertificatePins;
  phone: SessionPhone;
  /** the desktop integration and the notices the shells show */
  shell: ShellIntegration;
  /** longest time session.login waits for the first SIP registration outcome (default 10 s) */
  loginTimeoutMs?: number;
  /** shown in the user's session list on the server, e.g. "Switchboard on PC-42" */
  deviceName?: string;
  /** UC API request timeout, ms (default 10 s) */
  requestTimeoutMs?: number;
  /** seam for tests: fetch used by the UC client (default global fetch) */
  fetch?: FetchFn;
  /** seam for tests: the live-events socket */
  createEventsSocket?: (url: string) => EventsSocket;
  /** backoff of the live-events reconnection (defaults: 0.5 s base, 30 s cap) */
  backoff?: ReconnectPolicyOptions;
}

/** The logged-in UC session: its client, the password SIP needs, and once provisioned its live services. */
interface UcSession {
  server: string;
  user: string;
  password: string;
  displayName: string;
  failedAttempts: { count: number; lastAt?: number };
  origin: string;
  eventsUrl: string;
  /** the TLS trust of every connection of the session: API, events, SIP (SPEC A1) */
  trust: CertificateTrust;
  client: UcHttpClient;
  live: { events: UcEventsClient; connection: UcConnection; disposables: Disposable[] } | undefined;
}

/**
 * The application core behind both shells: the registry of the features
 * (`core/features/<domain>/`: each answers its invoke channels and publishes
 * its events) and the session lifecycle. Pure Node (no electron).
 *
 * Login (SPEC A1–A4; the statuses and their allowed changes: `features/session/session-state.ts`):
 * ```
 * logged-out ──login──▶ connecting ──UC refuses──▶ auth-failed (invalid-credentials | too-many-attempts)
 *                          │  └──no reply──▶ unreachable (server-unreachable; no automatic retry)
 *                          │  └──certificate refused──▶ unreachable (untrusted-certificate: trustCertificate pins
 *                          │        it and logs in again | certificate-changed: refused; SPEC A1)
 *                          │ the UC server accepted: the account's database opens (features' onAccountOpen)
 *                          ├──mustChangePassword──▶ password-change-required ──changePassword──┐
 *                          └──provisioned─────────────────────────────────────────────────────┴─▶
 *        features' onLogin (sync, presence, messages, voicemail), live events, then the SIP engine:
 *                                     connecting ▶ registered | unreachable (auto-retry) | auth-failed
 * ```
 * Once logged in, the UC connection (ucConnection online/offline) and SIP
 * reconnect by themselves; logout stops SIP, then the features' session
 * services, closes the account and revokes the refresh token.
 */
export class AppCore implements ShellBackend {
  private readonly host: AppFeatureHost;
  private readonly features: readonly Feature[];
  private readonly handlers: Handlers;
  private readonly shell: ShellIntegration;
  private readonly loginTimeoutMs: number;
  /** the logged-in account's local data; undefined while logged out */
  private account: { scope: AccountScope; disposables: Disposable[] } | undefined;
  private uc: UcSession | undefined;
  private engineDisposers: Array<() => void> = [];
  /** bumps at every login/logout so a superseded login stops where it is */
  private loginSeq = 0;
  private session: SessionState = { status: 'logged-out' };
  /**
   * The untrusted certificate the last login stopped at, and that login, so
   * session.trustCertificate can pin exactly that certificate and try again
   * (the renderer never needs the password back). Cleared by any other login or logout.
   */
  private pendingTrust:
    | { server: string; origin: string; fingerprint: string; user: string; password: string; remember?: boolean }
    | undefined;

  /** A call was missed (shells show a notification, SPEC G4). */
  readonly onDidMissCall: ShellBackend['onDidMissCall'];
  /** An instant message arrived (shells show a notification, SPEC G4). */
  readonly onDidReceiveMessage: ShellBackend['onDidReceiveMessage'];
  /** A voice message arrived (shells show a notification, SPEC G4). */
  readonly onDidReceiveVoicemail: ShellBackend['onDidReceiveVoicemail'];

  constructor(private readonly parts: AppCoreParts) {
    this.host = parts.host;
    this.features = parts.features;
    this.shell = parts.shell;
    this.loginTimeoutMs = parts.loginTimeoutMs ?? 10_000;
    this.onDidMissCall = parts.shell.onDidMissCall;
    this.onDidReceiveMessage = parts.shell.onDidReceiveMessage;
    this.onDidReceiveVoicemail = parts.shell.onDidReceiveVoicemail;
    this.host.register(parts.features);
    this.handlers = registryHandlers(parts.features, {
      'session.login': (p) => this.login(p.server, p.user, p.password, p.remember),
      'session.changePassword': (p) => this.changePassword(p.currentPassword, p.newPassword),
      'session.logout': () => this.logout(),
      'session.getState': () => this.sessionView(),
      'session.trustCertificate': (p) => this.trustCertificate(p.server, p.fingerprint),
      'session.listTrustedCertificates': () => this.trustedCertificates(),
      'session.forgetCertificate': (p) => {
        parts.pins.forget(p.origin);
        return this.trustedCertificates();
      },
    });
  }

  // ------------------------------------------------------------ UcBackend

  async invoke<C extends InvokeChannel>(channel: C, payload: ValidPayload<C>): Promise<InvokeResult<C>> {
    if (this.host.disposed) throw new UcError('internal', 'the application is shutting down');
    const handler = this.handlers[channel] as (p: ValidPayload<C>) => Promise<InvokeResult<C>> | InvokeResult<C>;
    return handler(payload);
  }

  onEvent(listener: BackendEventListener): () => void {
    return this.host.events.on(listener);
  }

  /**
   * Logs in with the remembered credentials when the auto-login setting is on
   * (the shells call it at start). Resolves with the session state, or
   * undefined when there is nothing to do.
   */
  async autoLogin(): Promise<SessionState | undefined> {
    if (!this.parts.settings.get().autoLogin || this.session.status !== 'logged-out') return undefined;
    const remembered = await this.parts.remembered.read();
    if (!remembered) return undefined;
    return this.login(remembered.server, remembered.user, remembered.password, undefined);
  }

  /** Hangs up, unregisters, stops the features, closes the database. Keeps the session on the server (no revoke). Idempotent. */
  async dispose(): Promise<void> {
    if (this.host.disposed) return;
    this.host.markDisposed();
    this.loginSeq++;
    await this.stopSip();
    await this.stopUc(false);
    for (const feature of this.features) {
      try {
        await feature.dispose?.();
      } catch (err) {
        this.host.log('warn', `${feature.name} dispose failed: ${String(err)}`);
      }
    }
    this.host.events.clear();
    this.parts.databases.dispose();
  }

  // ------------------------------------------------------------ ShellBackend: the desktop integration

  handleExternalLink(url: string, origin: ExternalLinkOrigin): void {
    this.shell.handleExternalLink(url, origin);
  }

  reportLinkRefusal(refusal: { reason: string; message?: string }): void {
    this.shell.reportLinkRefusal(refusal);
  }

  setHotkeyStatus(status: Parameters<ShellBackend['setHotkeyStatus']>[0]): void {
    this.shell.setHotkeyStatus(status);
  }

  reportHotkeyPress(outcome: Parameters<ShellBackend['reportHotkeyPress']>[0]): void {
    this.shell.reportHotkeyPress(outcome);
  }

  setMainWindowMinimized(minimized: boolean): void {
    this.shell.setMainWindowMinimized(minimized);
  }

  reportNotificationActivation(activation: Parameters<ShellBackend['reportNotificationActivation']>[0]): void {
    this.shell.reportNotificationActivation(activation);
  }

  setWindowController(controller: WindowController | undefined): void {
    this.shell.setWindowController(controller);
  }

  // ------------------------------------------------------------ session

  private async login(
    server: string,
    user: string,
    password: string,
    remember: boolean | undefined,
  ): Promise<SessionState> {
    const address = parseServerAddress(server);
    if (!address.ok) throw new UcError(address.cleartext ? 'cleartext-server' : 'invalid-server', address.message);
    if (!/^[A-Za-z0-9._~+-]+$/.test(user)) {
      throw new UcError('invalid-payload', 'user: only letters, digits and . _ ~ + - are allowed');
    }
    const seq = ++this.loginSeq;
    this.pendingTrust = undefined;
    await this.stopSip();
    await this.stopUc(true);
    if (seq !== this.loginSeq) return this.sessionView();
    this.setSession({ status: 'connecting', user, server });

    const pinned = this.parts.pins.get(address.origin);
    const trust = new CertificateTrust(pinned ? { host: address.host, fingerprint: pinned } : undefined);
    const client: UcHttpClient = new UcHttpClient({
      apiUrl: address.apiUrl,
      clock: this.host.clock,
      ...(this.parts.requestTimeoutMs !== undefined ? { timeoutMs: this.parts.requestTimeoutMs } : {}),
      fetch: this.parts.fetch ?? trust.fetch,
      // The refresh token was revoked or expired: log in again with the password we hold for SIP anyway.
      reauthenticate: async () => {
        const uc = this.uc;
        if (!uc || uc.client !== client) throw new UcError('not-logged-in', 'logged out');
        return client.login(this.loginRequest(uc.user, uc.password));
      },
    });
    let reply;
    try {
      reply = await client.login(this.loginRequest(user, password));
    } catch (err) {
      void trust.dispose();
      if (seq !== this.loginSeq) return this.sessionView();
      const refused = certificateRefusalOf(err);
      if (refused?.problem === 'untrusted') {
        this.pendingTrust = {
          server,
          origin: address.origin,
          fingerprint: refused.fingerprint,
          user,
          password,
          ...(remember !== undefined ? { remember } : {}),
        };
      }
      this.setSession(failedLoginState(err, user, server, this.host.log));
      return this.sessionView();
    }
    if (seq !== this.loginSeq) {
      void client.logout().catch(() => undefined);
      void trust.dispose();
      return this.sessionView();
    }
    // The UC server vouched for these credentials: only now is this account's local data opened.
    this.openAccount(address.origin, reply.account.number, user);
    this.uc = {
      server,
      user,
      password,
      displayName: reply.account.displayName,
      failedAttempts: reply.failedAttempts,
      origin: address.origin,
      eventsUrl: address.eventsUrl,
      trust,
      client,
      live: undefined,
    };
    this.parts.settings.rememberServer(server);
    await this.parts.remembered.apply(remember, { server, user, password });
    if (reply.mustChangePassword) {
      this.setSession({ ...this.baseSession(), status: 'password-change-required' });
      return this.sessionView();
    }
    let provisioning = reply.provisioning;
    if (!provisioning) {
      try {
        provisioning = (await client.me()).provisioning;
      } catch (err) {
        if (seq !== this.loginSeq) return this.sessionView();
        await this.stopUc(true);
        this.setSession(failedLoginState(err, user, server, this.host.log));
        return this.sessionView();
      }
    }
    if (seq !== this.loginSeq) return this.sessionView();
    return this.startServices(seq, provisioning);
  }

  private loginRequest(user: string, password: string) {
    return { user, password, ...(this.parts.deviceName ? { deviceName: this.parts.deviceName } : {}) };
  }

  /** Provisioned: the features' session services, the live events, then SIP. */
  private async startServices(seq: number, provisioning: Provisioning): Promise<SessionState> {
    const uc = this.uc;
    if (!uc) return this.sessionView();
    const account = this.account;
    if (!account) throw new UcError('internal', 'no local data open for this session');
    const events = new UcEventsClient({
      eventsUrl: uc.eventsUrl,
      accessToken: () => uc.client.tokens?.accessToken,
      refreshToken: () => uc.client.refresh(),
      clock: this.host.clock,
      ...(this.parts.backoff ? { backoff: this.parts.backoff } : {}),
      webSocketOptions: (url) => uc.trust.webSocketOptions(url),
      ...(this.parts.createEventsSocket ? { createSocket: this.parts.createEventsSocket } : {}),
      logger: (level, message) => this.host.log(level, message),
    });
    const connection = new UcConnection(uc.client, events);
    const live: NonNullable<UcSession['live']> = { events, connection, disposables: [] };
    uc.live = live;
    live.disposables.push({
      dispose: connection.onDidChange((state) => this.setSession({ ...this.session, ucConnection: state })),
    });
    // The server ended the session and the password we hold is refused (changed or reset elsewhere).
    live.disposables.push({ dispose: events.onDidEndSession(() => void this.endRevokedSession(seq)) });
    const session: LoginSession = {
      account: account.scope,
      user: uc.user,
      dataOwner: `${uc.origin}|${uc.user}`,
      client: uc.client,
      events,
      connection,
    };
    for (const feature of this.features) {
      if (!feature.onLogin) continue;
      const started = feature.onLogin(session);
      live.disposables.push(started instanceof Promise ? await started : started);
    }
    events.start();
    return this.startSip(seq, provisioning);
  }

  private async startSip(seq: number, provisioning: Provisioning): Promise<SessionState> {
    const uc = this.uc;
    if (!uc) return this.sessionView();
    await this.stopSip();
    if (isCleartextToNetwork(new URL(provisioning.sipWsUrl))) {
      // the server provisioned cleartext SIP to the network: refused, like an http:// server (issue 10)
      this.host.log('error', `refused the cleartext SIP WebSocket ${provisioning.sipWsUrl}`);
      const failed: SessionState = {
        user: uc.user,
        server: uc.server,
        status: 'unreachable',
        loginError: 'cleartext-sip',
      };
      await this.stopUc(true);
      this.setSession(failed);
      return this.sessionView();
    }
    const phone = this.parts.phone;
    const engine = phone.createEngine({
      provisioning,
      displayName: uc.displayName,
      webSocketOptions: (url) => uc.trust.webSocketOptions(url),
    });
    this.engineDisposers = [
      engine.onDidChangeRegistration((r) => {
        if (phone.engine === engine) this.setSession(sessionFromRegistration(r, this.baseSession()));
      }),
    ];
    this.setSession({ ...this.baseSession(), status: 'connecting' });
    let timer: TimerHandle | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = this.host.clock.setTimeout(resolve, this.loginTimeoutMs);
    });
    try {
      await Promise.race([engine.start(), timeout]);
    } finally {
      this.host.clock.clearTimeout(timer);
    }
    if (phone.engine !== engine || seq !== this.loginSeq) return this.sessionView();
    this.setSession(sessionFromRegistration(engine.registration, this.baseSession()));
    return this.sessionView();
  }

  private async changePassword(currentPassword: string, newPassword: string): Promise<SessionState> {
    const uc = this.uc;
    if (!uc) throw new UcError('not-logged-in', 'log in before changing the password');
    const broken = brokenPasswordRules(newPassword);
    if (broken.length > 0) {
      throw new UcError('weak-password', `the new password breaks these rules: ${broken.join(', ')}`, broken);
    }
    if (reusesCurrentPassword(currentPassword, newPassword)) {
      throw new UcError('same-password', 'the new password must differ from the current one');
    }
    const seq = this.loginSeq;
    let reply;
    try {
      reply = await uc.client.changePassword({ currentPassword, newPassword });
    } catch (err) {
      throw passwordChangeError(err);
    }
    if (this.uc !== uc || seq !== this.loginSeq) return this.sessionView();
    uc.password = newPassword;
    const remembered = await this.parts.remembered.read();
    if (remembered && remembered.server === uc.server && remembered.user === uc.user) {
      await this.parts.remembered.write({ ...remembered, password: newPassword });
    }
    if (!uc.live) return this.startServices(seq, reply.provisioning);
    // the password change rotated the SIP secret: register again with the new provisioning
    return this.startSip(seq, reply.provisioning);
  }

  private async logout(): Promise<SessionState> {
    this.loginSeq++;
    this.pendingTrust = undefined;
    await this.stopSip();
    await this.stopUc(true);
    // Logout asks for the credentials again (SPEC A3): the remembered login goes, and auto-login with it.
    await this.parts.remembered.forget();
    this.setSession({ status: 'logged-out' });
    return this.sessionView();
  }

  /**
   * The UC server ended this session and refuses the password we hold (it was
   * changed or reset elsewhere): log out, keeping user and server on the login
   * screen with the reason, and forget the remembered password (it no longer works).
   */
  private async endRevokedSession(seq: number): Promise<void> {
    if (seq !== this.loginSeq) return;
    const base = { user: this.uc?.user, server: this.uc?.server };
    this.loginSeq++;
    await this.stopSip();
    await this.stopUc(false);
    await this.parts.remembered.forget();
    this.setSession({
      status: 'logged-out',
      ...(base.user !== undefined ? { user: base.user } : {}),
      ...(base.server !== undefined ? { server: base.server } : {}),
      loginError: 'invalid-credentials',
    });
  }

  /** Stops the SIP engine; the calls it ends reach the journal (the account is still open). */
  private async stopSip(): Promise<void> {
    await this.parts.phone.stopEngine();
    for (const d of this.engineDisposers) d();
    this.engineDisposers = [];
  }

  /** Stops the session's services and (with `revoke`) revokes the refresh token (best effort: the server may be down). */
  private async stopUc(revoke: boolean): Promise<void> {
    const uc = this.uc;
    if (!uc) {
      this.closeAccount(); // an account is only open with a session; never leave one open without
      return;
    }
    this.uc = undefined;
    const live = uc.live;
    if (live) {
      const stopped = disposeInOrder(live.disposables, (err) => this.host.log('warn', `logout: ${String(err)}`));
      live.events.stop();
      live.connection.dispose();
      await stopped;
    }
    // Services are stopped (they check that after every await): nothing writes to the database any more.
    this.closeAccount();
    void uc.trust.dispose();
    if (revoke) {
      // Not awaited: a dead server must not hold the logout (or a login to another server) for the
      // request timeout. The tokens are forgotten at once either way.
      void uc.client.logout().catch((err: unknown) => {
        this.host.log('warn', `refresh token not revoked (server unreachable?): ${String(err)}`);
      });
    }
  }

  // ------------------------------------------------------------ certificate trust (SPEC A1)

  /**
   * The user accepted the certificate the last login stopped at: pin it for
   * that server, then log in again with the same credentials. Only the
   * certificate that was shown can be pinned this way.
   */
  private async trustCertificate(server: string, fingerprint: string): Promise<SessionState> {
    const pending = this.pendingTrust;
    if (!pending || pending.server !== server.trim() || pending.fingerprint !== fingerprint) {
      throw new UcError('invalid-state', 'no login is waiting for the trust of this certificate');
    }
    this.pendingTrust = undefined;
    this.parts.pins.set(pending.origin, pending.fingerprint);
    this.host.log('info', `certificate ${pending.fingerprint} trusted for ${pending.origin}`);
    return this.login(pending.server, pending.user, pending.password, pending.remember);
  }

  private trustedCertificates(): TrustedCertificate[] {
    return Object.entries(this.parts.pins.all()).map(([origin, fingerprint]) => ({ origin, fingerprint }));
  }

  // ------------------------------------------------------------ the account's local data (issue 8)

  /**
   * Opens the logged-in account's own database (one per server + account, see
   * AccountDatabases) and lets every feature show its data. Keyed by the
   * account number the UC server answered, not by what was typed.
   */
  private openAccount(origin: string, number: string, typed: string): void {
    this.closeAccount();
    const db = this.parts.databases.open({ origin, user: number, aliases: typed === number ? [] : [typed] });
    const scope: AccountScope = { db, key: accountKey(origin, number), client: () => this.uc?.client };
    const disposables: Disposable[] = [];
    this.account = { scope, disposables };
    for (const feature of this.features) {
      if (feature.onAccountOpen) disposables.push(feature.onAccountOpen(scope));
    }
    this.host.countersChanged();
  }

  /**
   * Logout (or another login): every feature lets go of the account (and
   * tells its views, so the renderer reloads them empty), then its database
   * closes and the counters (tray, badge) go back to zero.
   */
  private closeAccount(): void {
    const account = this.account;
    if (!account) return;
    this.account = undefined;
    void disposeInOrder(account.disposables, (err) => this.host.log('warn', `closing the account: ${String(err)}`));
    this.parts.databases.close(account.scope.db);
    if (!this.host.disposed) this.host.countersChanged();
  }

  // ------------------------------------------------------------ session state

  /** user/server/displayName/ucConnection/failedAttempts of the current UC session. */
  private baseSession(): Omit<SessionState, 'status'> {
    const uc = this.uc;
    if (!uc) return {};
    const base: Omit<SessionState, 'status'> = {
      user: uc.user,
      server: uc.server,
      displayName: uc.displayName,
      ucConnection: uc.live?.connection.state ?? 'online',
    };
    if (uc.failedAttempts.count > 0) base.failedAttempts = { ...uc.failedAttempts };
    return base;
  }

  private sessionView(): SessionState {
    const s = { ...this.session };
    if (s.failedAttempts) s.failedAttempts = { ...s.failedAttempts };
    return s;
  }

  /** @throws InvalidSessionTransitionError for a change the session diagram does not allow */
  private setSession(state: SessionState): void {
    const prev = this.session;
    assertSessionTransition(prev.status, state.status);
    this.session = state;
    if (JSON.stringify(prev) === JSON.stringify(state)) return;
    this.host.emit('session.onDidChangeState', this.sessionView());
  }
}

/** The certificate refusal behind a failed login request, if that is why it failed. */
function certificateRefusalOf(err: unknown): CertificateTrustError | undefined {
  if (!(err instanceof UcClientError) || err.kind !== 'certificate') return undefined;
  return err.cause as CertificateTrustError;
}

/**
 * Every invoke channel's handler: AppCore's own (session.*) and the
 * features'. A channel answered twice, or by nobody, is a wiring mistake
 * caught when the core is built.
 */
export function registryHandlers(features: readonly Feature[], own: Partial<Handlers>): Handlers {
  const handlers: Partial<Handlers> = { ...own };
  for (const feature of features) {
    for (const [channel, handler] of Object.entries(feature.handlers ?? {})) {
      if (Object.hasOwn(handlers, channel)) throw new Error(`${channel} has two handlers (${feature.name})`);
      Object.assign(handlers, { [channel]: handler });
    }
  }
  const missing = Object.keys(invokeSchemas).filter((channel) => !Object.hasOwn(handlers, channel));
  if (missing.length > 0) throw new Error(`no feature answers ${missing.join(', ')}`);
  return handlers as Handlers;
}
