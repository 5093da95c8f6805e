import type { FavoritesChangePayload, FavoritesView } from '../../../../src-preload/contract/favorites';
import type { ReconnectPolicyOptions } from '../../../../src-preload/contract/platform/reconnect-policy';
import { toDisposable, type Disposable } from '../../platform/disposable';
import type { Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import { FavoriteNotFoundError, FavoritesLimitError } from './apply-favorites-change';
import { FavoritesApi } from './favorites-api';
import { FavoritesService } from './favorites-service';

export interface FavoritesFeatureOptions {
  /** backoff of the pull and send retries (default: 0.5 s base, 30 s cap) */
  backoff?: ReconnectPolicyOptions;
}

const EMPTY: FavoritesView = { groups: [], pending: 0 };

/**
 * Favorites (SPEC D1, D2) of the logged-in account: its SQLite cache and
 * outbox, pulled from the UC server at login, on every `favorites-changed`
 * and at every reconnection. Empty while logged out.
 */
export class FavoritesFeature implements Feature {
  readonly name = 'favorites';
  readonly handlers: Partial<Handlers>;
  private service: FavoritesService | undefined;

  constructor(
    private readonly host: FeatureHost,
    private readonly options: FavoritesFeatureOptions = {},
  ) {
    this.handlers = {
      'favorites.list': () => this.service?.view() ?? EMPTY,
      'favorites.change': (p) => this.change(p),
    };
  }

  onLogin(session: LoginSession): Disposable {
    const host = this.host;
    const favorites = new FavoritesService({
      db: session.account.db,
      transport: new FavoritesApi(session.client),
      account: session.dataOwner,
      clock: host.clock,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      logger: (level, message) => host.log(level, message),
    });
    this.service = favorites;
    const disposers = [
      favorites.onDidChange((view) => host.emit('favorites.onDidChange', view)),
      session.connection.onDidChange((state) => favorites.setOnline(state === 'online')),
      session.events.onDidReceive((event) => {
        if (event.type === 'favorites-changed') favorites.requestPull(event.version);
      }),
      // changes made while the socket was down: pull at every (re)connection
      session.events.onDidChangeState((state) => {
        if (state === 'open') favorites.requestPull();
      }),
    ];
    favorites.start();
    // the cached favorites show now (offline too)
    host.emit('favorites.onDidChange', favorites.view());
    return toDisposable(() => {
      for (const d of disposers) d();
      if (this.service !== favorites) return;
      this.service = undefined;
      // not awaited: a request in flight must not hold the logout; it changes nothing once stopped
      void favorites.stop();
      if (!host.disposed) host.emit('favorites.onDidChange', EMPTY);
    });
  }

  /** The service while logged in (tests). */
  get current(): FavoritesService | undefined {
    return this.service;
  }

  private change(payload: FavoritesChangePayload): FavoritesView {
    const favorites = this.service;
    if (!favorites) throw new UcError('not-logged-in', 'log in to change your favorites');
    try {
      return favorites.change(payload);
    } catch (err) {
      if (err instanceof FavoriteNotFoundError) throw new UcError('not-found', err.message);
      if (err instanceof FavoritesLimitError) throw new UcError('invalid-payload', err.message);
      throw err;
    }
  }
}
