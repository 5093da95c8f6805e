import type { SqliteDatabase } from '../platform/db/open-database';
import { DirectoryCache } from '../features/directory/directory-cache';
import { JournalStore } from '../features/calls/journal/journal-store';
import { MissedCallCounter } from '../features/calls/missed-call-counter';
import { PhotoCache } from '../features/directory/photos/photo-cache';
import { RecentDials } from '../features/calls/recent-dials';
import { USER_SETTING_KEYS, type UserSettingKey } from '../features/settings/setting-scopes';
import { SettingsStore, SqliteSettingsSource } from '../features/settings/settings-store';
import type { UcServerClient } from '../platform/uc/uc-http-client';
import type { Clock } from '../platform/clock';

/**
 * Everything AppCore keeps for the logged-in account, over that account's own
 * database (see `core/db/account-databases.ts`): the call journal, the recent
 * dials, the missed-call counter and its seen mark, the per-user settings,
 * the directory cache and the photo cache. Built at login, dropped at logout:
 * while nobody is logged in there is none, so nothing of a previous user can
 * be read. The sync engine and the messages service take `db` for their own
 * tables (outbox, sync state, messages).
 */
export class AccountData {
  readonly journal: JournalStore;
  readonly settings: SettingsStore<UserSettingKey>;
  readonly recentDials: RecentDials;
  readonly directory: DirectoryCache;
  readonly photos: PhotoCache;
  readonly missedCalls: MissedCallCounter;

  constructor(
    /** the account's open database (owned by AccountDatabases, which closes it) */
    readonly db: SqliteDatabase,
    /** `origin|user` (see accountKey) */
    readonly key: string,
    deps: { clock: Clock; client: () => Pick<UcServerClient, 'getPhoto'> | undefined },
  ) {
    this.journal = new JournalStore(db);
    this.settings = new SettingsStore(new SqliteSettingsSource(db), {}, USER_SETTING_KEYS);
    this.recentDials = new RecentDials(db, { clock: deps.clock });
    this.directory = new DirectoryCache(db);
    this.photos = new PhotoCache({ db, clock: deps.clock, client: deps.client });
    this.missedCalls = new MissedCallCounter(db, this.settings, deps.clock);
  }
}
