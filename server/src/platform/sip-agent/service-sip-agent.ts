import { randomBytes } from 'node:crypto';
import { UserAgent, type Invitation, type SessionDescriptionHandlerFactory } from 'sip.js';
import { WebSocket as NodeWebSocket } from 'ws';
import { SWITCHBOARD_USER_AGENT } from '../../../../src-preload/contract/platform';
import {
  SipRegistration,
  type RegistrationState,
  type SipRegistrationOptions,
} from '../../../../src-preload/contract/sip';
import type { AgentHealth } from '../agent-health';
import type { ServerContext } from '../server-context';

/** REGISTER expiry asked for by default, seconds. */
export const DEFAULT_SERVICE_REGISTER_EXPIRES_S = 300;

/** Timers of the registration supervisor (the server's {@link Clock} only tells the time). */
const timerClock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Options of {@link ServiceSipAgent}. */
export interface ServiceSipAgentOptions {
  /** SIP user the service registers as (its `subscriber` row; also the Contact user and the health name) */
  readonly user: string;
  /** what logs and errors start with, e.g. "voicemail" */
  readonly label: string;
  readonly displayName: string;
  /** User-Agent header: `${SWITCHBOARD_USER_AGENT}-${userAgentSuffix}` */
  readonly userAgentSuffix: string;
  /** Kamailio's SIP WebSocket, e.g. ws://127.0.0.1:8080 */
  readonly wsUrl: string;
  /** SIP domain (= digest realm of the subscriber table) */
  readonly domain: string;
  /**
   * Writes the service's `subscriber` row with a new random password (the accounts feature's
   * upsertSubscriber: the platform imports no feature).
   */
  readonly provision: (password: string) => Promise<void>;
  /** the media of the calls it answers (a werift PCMU session) */
  readonly sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory;
  readonly onInvite: (invitation: Invitation) => void;
  /** every registration state change (after `since` is updated) */
  readonly onStateChange?: (state: RegistrationState) => void;
  /** default {@link DEFAULT_SERVICE_REGISTER_EXPIRES_S} */
  readonly registerExpiresS?: number | undefined;
  readonly keepAlive?: SipRegistrationOptions['keepAlive'];
  readonly backoff?: SipRegistrationOptions['backoff'];
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * The SIP user agent of a server-side service (voicemail, conferences): a sip.js UserAgent
 * registered with Kamailio over WebSocket (RFC 7118) by a {@link SipRegistration} (keep-alive,
 * re-register, reconnect), answering the INVITEs Kamailio routes to its user, and reporting its
 * registration to GET /api/v1/health. The feature owns the calls; this owns the registration.
 */
export class ServiceSipAgent {
  private readonly ctx: ServerContext;
  private readonly options: ServiceSipAgentOptions;
  private ua: UserAgent | undefined;
  private registration: SipRegistration | undefined;
  private since = Date.now();
  private removeHealth: (() => void) | undefined;

  constructor(ctx: ServerContext, options: ServiceSipAgentOptions) {
    this.ctx = ctx;
    this.options = options;
  }

  /** Whether start() was called (successful or not). */
  get started(): boolean {
    return this.ua !== undefined;
  }

  /** Whether Kamailio holds the service's binding right now. */
  get isRegistered(): boolean {
    return this.registration?.state.status === 'registered';
  }

  /** Registration state and counters, as GET /api/v1/health shows them. */
  get health(): AgentHealth {
    const state: RegistrationState = this.registration?.state ?? { status: 'stopped' };
    return {
      name: this.options.user,
      status: state.status,
      ...(state.issue !== undefined ? { issue: state.issue } : {}),
      ...(state.detail !== undefined ? { detail: state.detail } : {}),
      since: this.since,
      counters: this.registration?.counters ?? {
        registrations: 0,
        refreshes: 0,
        reconnects: 0,
        keepAliveFailures: 0,
        bindingLosses: 0,
      },
    };
  }

  /** Throws if a UC account holds the service's SIP user (its number): the two would share a binding. */
  async assertUserFree(): Promise<void> {
    const clash = await this.ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('number', '=', this.options.user)
      .executeTakeFirst();
    if (clash) {
      throw new Error(
        `an account "${this.options.user}" exists: the ${this.options.label} service needs that SIP user`,
      );
    }
  }

  /**
   * Writes the subscriber row (new random password), connects and registers. Resolves when
   * registered; rejects when the REGISTER is refused or after `timeoutMs` (the caller then stops).
   */
  async start(timeoutMs: number): Promise<void> {
    if (this.ua) return;
    const { user, label, domain } = this.options;
    const password = randomBytes(24).toString('base64url');
    await this.options.provision(password);
    const g = globalThis as { WebSocket?: unknown };
    // sip.js calls `new WebSocket(url, 'sip')`; Node 20 has none
    if (typeof g.WebSocket === 'undefined') g.WebSocket = NodeWebSocket;
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (!uri) throw new Error(`invalid SIP domain ${domain}`);
    const ua = new UserAgent({
      uri,
      displayName: this.options.displayName,
      // Contact user = the service (sip.js draws a random one otherwise): callers tell a call answered
      // by the mailbox from one answered by the person called by it (the caller's journal, issue #8)
      contactName: user,
      authorizationUsername: user,
      authorizationPassword: password,
      transportOptions: { server: this.options.wsUrl, connectionTimeout: 5 },
      sessionDescriptionHandlerFactory: this.options.sessionDescriptionHandlerFactory,
      logBuiltinEnabled: false,
      userAgentString: `${SWITCHBOARD_USER_AGENT}-${this.options.userAgentSuffix}`,
      delegate: {
        onInvite: (invitation) => this.options.onInvite(invitation),
        onDisconnect: (error) => this.registration?.handleTransportDisconnect(error),
      },
    });
    this.ua = ua;
    const registration = new SipRegistration({
      ua,
      clock: timerClock,
      expiresS: this.options.registerExpiresS ?? DEFAULT_SERVICE_REGISTER_EXPIRES_S,
      ...(this.options.keepAlive ? { keepAlive: this.options.keepAlive } : {}),
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      log: (level, message) => this.options.log(level === 'debug' ? 'info' : level, `${label}: ${message}`),
    });
    this.registration = registration;
    registration.onDidChange((state) => {
      this.since = Date.now();
      this.options.onStateChange?.(state);
    });
    this.removeHealth = this.ctx.agents.register(user, () => this.health);
    const registered = new Promise<void>((resolve, reject) => {
      const off = registration.onDidChange((state) => {
        if (state.status === 'registered') {
          off();
          resolve();
        } else if (state.status === 'auth-failed') {
          off();
          reject(new Error(`${label}: ${state.detail ?? 'REGISTER refused'}`));
        }
      });
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${label}: not registered within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      void registration.start();
      await Promise.race([registered, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Un-REGISTERs and disconnects (bounded when Kamailio is gone), and leaves the health list. */
  async stop(): Promise<void> {
    await this.registration?.stop();
    this.removeHealth?.();
  }
}
