/** The directory domain (see README.md): directory cache and search, personal contacts, sync, photos. */
export { DirectoryFeature, type DirectoryFeatureOptions } from './directory-feature';
export { DirectoryApi, type UcPhoto } from './directory-api';
export { DirectoryCache, type DirectorySearchOptions } from './directory-cache';
export { PhotoCache } from './photos/photo-cache';
export { ContactNotFoundError, SyncEngine, type SyncEngineOptions } from './sync/sync-engine';
export type { SyncCache, SyncTransport } from './sync/sync-ports';
export { CONTACT_FIELDS, InvalidContactError, cleanContactFields } from './contacts/contact-entry';
export { directoryMigrations } from './migrations';
