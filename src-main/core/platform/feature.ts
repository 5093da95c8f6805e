import type { CountersView, EventChannel, EventPayloads } from '../../../src-preload/contract/ipc-contract';
import type { Clock } from './clock';
import type { SqliteDatabase } from './db/open-database';
import type { Disposable } from './disposable';
import type { Handlers } from './ipc/uc-backend';
import type { UcConnection } from './uc/uc-connection';
import type { UcEventsClient } from './uc/uc-events-client';
import type { UcHttpClient } from './uc/uc-http-client';

/** Log levels of the engine's logger (the SIP engine's own). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string) => void;

/**
 * The logged-in account's local data: open from the moment the UC server
 * accepted the credentials until logout (or another login, or a failed one).
 * While nobody is logged in there is none, so nothing of a previous user can
 * be read (issue 8, a PC shared by several users).
 */
export interface AccountScope {
  /** the account's own database (see AccountDatabases); closed once every feature let go of it */
  readonly db: SqliteDatabase;
  /** `origin|number`: the account as the UC server names it (see accountKey) */
  readonly key: string;
  /** the session's UC client, while there is one (a photo fetched after logout finds none) */
  client(): UcHttpClient | undefined;
}

/** A provisioned UC session: what the live services of a login run on, until logout. */
export interface LoginSession {
  readonly account: AccountScope;
  /** the user as typed at login */
  readonly user: string;
  /**
   * `origin|user` (the user as typed): whose data the sync and message caches
   * hold inside the database — the key those tables used before there was
   * one database per account, kept so existing databases stay valid.
   */
  readonly dataOwner: string;
  readonly client: UcHttpClient;
  /** the live-events socket (started once every feature subscribed) */
  readonly events: UcEventsClient;
  /** online / offline, from the socket and every request */
  readonly connection: UcConnection;
}

/**
 * One domain of the engine (`core/features/<name>/`), as the registry
 * (AppCore) sees it. Everything is optional but the name: a feature answers
 * the invoke channels of its domain, builds its stores when an account opens,
 * starts its live services at login and stops them at logout, and adds its
 * counters to the tray's.
 *
 * - Account phase: {@link onAccountOpen} right after the UC server accepted
 *   the credentials (also while a new password is required), in registry order;
 *   the returned Disposable runs when that account closes, before its
 *   database is closed.
 * - Session phase: {@link onLogin} once provisioned, in registry order, before
 *   the live-events socket starts; disposed at logout (or another login) in
 *   the same order, awaited, before the account closes.
 * - Its tables are numbered migrations listed in `core/app/client-migrations.ts`.
 */
export interface Feature {
  /** the domain, as in `features/<name>/` */
  readonly name: string;
  /** the invoke channels it answers (each channel belongs to exactly one feature) */
  readonly handlers?: Partial<Handlers>;
  onAccountOpen?(account: AccountScope): Disposable;
  onLogin?(session: LoginSession): Disposable | Promise<Disposable>;
  /** its part of the counters (tray, badges: SPEC G4) */
  counters?(): Partial<CountersView>;
  /** the app shuts down (after logout of the session's services) */
  dispose?(): void | Promise<void>;
}

/** What every feature gets from the app: the clock, the log, the event bus, the counters. */
export interface FeatureHost {
  readonly clock: Clock;
  readonly log: Logger;
  /** Publishes a contract event to the shells. */
  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void;
  /** Every feature's counters, as one view. */
  counters(): CountersView;
  /** One of the counters changed: publishes counters.onDidChange with all of them. */
  countersChanged(): void;
  /** true once the app started shutting down */
  readonly disposed: boolean;
}
