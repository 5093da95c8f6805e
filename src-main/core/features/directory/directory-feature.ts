import type { ImportReportView, SyncState } from '../../../../src-preload/contract/ipc-contract';
import type { ReconnectPolicyOptions } from '../../../../src-preload/contract/platform/reconnect-policy';
import { toDisposable, type Disposable } from '../../platform/disposable';
import type { AccountScope, Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers, ValidPayload } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import type { UcConnection } from '../../platform/uc/uc-connection';
import { UcClientError } from '../../platform/uc/uc-client-error';
import { InvalidContactError } from './contacts/contact-entry';
import { DirectoryApi } from './directory-api';
import { DirectoryCache } from './directory-cache';
import { PhotoCache } from './photos/photo-cache';
import { ContactNotFoundError, SyncEngine } from './sync/sync-engine';

export interface DirectoryFeatureOptions {
  /** backoff of the sync retries (default: 0.5 s base, 30 s cap) */
  backoff?: ReconnectPolicyOptions;
  /** GET /changes page size (default: SyncEngine's, 5000) */
  syncPageLimit?: number;
}

/** The logged-in account's directory and photo caches. */
interface DirectoryAccount {
  readonly cache: DirectoryCache;
  readonly photos: PhotoCache;
}

/** The session's sync engine, the API it uses and the connection state it follows. */
interface DirectorySession {
  readonly sync: SyncEngine;
  readonly api: DirectoryApi;
  readonly connection: UcConnection;
}

/**
 * The directory (SPEC C, K): the account's FTS5 cache of the global
 * directory, speed dials and personal contacts, kept in step with the UC
 * server by the sync engine (change feed + outbox); personal contacts
 * edited here and imported; photos cached.
 */
export class DirectoryFeature implements Feature {
  readonly name = 'directory';
  readonly handlers: Partial<Handlers>;
  private account: DirectoryAccount | undefined;
  private session: DirectorySession | undefined;
  private directoryEventQueued = false;

  constructor(
    private readonly host: FeatureHost,
    private readonly options: DirectoryFeatureOptions = {},
  ) {
    this.handlers = {
      'directory.search': (p) =>
        this.account?.cache.search(p.query, {
          ...(p.source !== undefined ? { source: p.source } : {}),
          ...(p.limit !== undefined ? { limit: p.limit } : {}),
        }) ?? { groups: [] },
      'directory.getPhoto': async (p) => {
        const account = this.account;
        const photoUrl = account?.cache.get(p.id)?.photoUrl;
        if (!account || !photoUrl) return null;
        try {
          const dataUrl = await account.photos.dataUrl(photoUrl);
          // logged out (or another account) while it was fetched: its database is closed, the answer not for this user
          return dataUrl && this.account === account ? { dataUrl } : null;
        } catch (err) {
          if (this.account !== account) return null;
          throw err;
        }
      },
      'directory.get': (p) => {
        const entry = this.account?.cache.get(p.id);
        if (!entry) throw new UcError('not-found', `no directory entry ${p.id}`);
        return entry;
      },
      'contacts.create': (p) => this.editContact((sync) => sync.createContact(p.fields)),
      'contacts.update': (p) => this.editContact((sync) => sync.updateContact(p.id, p.fields)),
      'contacts.delete': (p) => this.editContact((sync) => sync.deleteContact(p.id)),
      'contacts.import': (p) => this.importContacts(p),
      'sync.getState': () => this.syncState(),
    };
  }

  /** Whose number this is, from the directory cache (the calls feature adds the journal's names). */
  nameForNumber(number: string): string | undefined {
    return this.account?.cache.nameForNumber(number);
  }

  onAccountOpen(scope: AccountScope): Disposable {
    const account: DirectoryAccount = {
      cache: new DirectoryCache(scope.db),
      photos: new PhotoCache({
        db: scope.db,
        clock: this.host.clock,
        client: () => {
          const client = scope.client();
          return client ? new DirectoryApi(client) : undefined;
        },
      }),
    };
    this.account = account;
    const unsubscribe = account.cache.onDidChange(() => this.queueDirectoryEvent());
    this.publishViews();
    return toDisposable(() => {
      unsubscribe();
      if (this.account === account) this.account = undefined;
      if (!this.host.disposed) this.publishViews();
    });
  }

  onLogin(session: LoginSession): Disposable {
    const account = this.account;
    if (!account) throw new UcError('internal', 'no local data open for this session');
    const api = new DirectoryApi(session.client);
    const sync = new SyncEngine({
      db: session.account.db,
      cache: account.cache,
      transport: api,
      account: session.dataOwner,
      clock: this.host.clock,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      ...(this.options.syncPageLimit !== undefined ? { pageLimit: this.options.syncPageLimit } : {}),
      logger: (level, message) => this.host.log(level, message),
    });
    const live: DirectorySession = { sync, api, connection: session.connection };
    this.session = live;
    const disposers = [
      session.connection.onDidChange((state) => sync.setOnline(state === 'online')),
      session.events.onDidReceive((event) => {
        if (event.type === 'changed') sync.requestPull(event.revision);
      }),
      // Changes made while the socket was down are only in the feed: pull at every (re)connection.
      session.events.onDidChangeState((state) => {
        if (state === 'open') sync.requestPull();
      }),
      sync.onDidChange((state) => this.host.emit('sync.onDidChange', state)),
    ];
    sync.start();
    return toDisposable(async () => {
      for (const d of disposers) d();
      if (this.session === live) this.session = undefined;
      // Stopped before the account closes (it checks after every await): nothing writes to the database any more.
      await sync.stop();
    });
  }

  // ------------------------------------------------------------ contacts, sync

  private editContact<T>(edit: (sync: SyncEngine) => T): T {
    const sync = this.session?.sync;
    if (!sync) throw new UcError('not-logged-in', 'log in to edit personal contacts');
    try {
      return edit(sync);
    } catch (err) {
      if (err instanceof InvalidContactError) {
        const numberField = ['business', 'mobile', 'private', 'other'].includes(err.field);
        throw new UcError(numberField ? 'invalid-number' : 'invalid-payload', err.message, [err.field]);
      }
      if (err instanceof ContactNotFoundError) throw new UcError('not-found', err.message);
      throw err;
    }
  }

  private async importContacts(p: ValidPayload<'contacts.import'>): Promise<ImportReportView> {
    const session = this.session;
    if (!session) throw new UcError('not-logged-in', 'log in to import contacts');
    if (session.connection.state === 'offline') {
      throw new UcError('server-unreachable', 'importing needs the UC server, which cannot be reached right now');
    }
    try {
      const reply = await session.api.importContacts({
        format: p.format,
        encoding: p.encoding,
        contentBase64: p.contentBase64,
      });
      session.sync.requestPull(reply.revision);
      return reply.report;
    } catch (err) {
      if (err instanceof UcClientError) {
        if (err.kind === 'unreachable') throw new UcError('server-unreachable', err.message);
        if (err.code === 'import-failed' || err.code === 'invalid-request') {
          throw new UcError('import-failed', err.message, err.details.rules ?? [err.message]);
        }
      }
      throw new UcError('import-failed', err instanceof Error ? err.message : String(err));
    }
  }

  private syncState(): SyncState {
    return this.session?.sync.state ?? { status: 'offline', pending: 0, revision: this.account?.cache.revision ?? 0 };
  }

  /** An account opened or closed: the sync state and the directory results changed. */
  private publishViews(): void {
    this.host.emit('sync.onDidChange', this.syncState());
    this.queueDirectoryEvent();
  }

  /** directory.onDidChange once per burst of cache writes (a pull writes page by page). */
  private queueDirectoryEvent(): void {
    if (this.directoryEventQueued) return;
    this.directoryEventQueued = true;
    queueMicrotask(() => {
      this.directoryEventQueued = false;
      if (!this.host.disposed) this.host.emit('directory.onDidChange', {});
    });
  }
}
