/**
 * Directories (public surface): every directory entry (internal users,
 * speed dials, global directory, personal contacts), the change feed
 * (announced on WS /events by the live-events feature), contact and
 * administrator imports, internal users' photos.
 */
import type { ServerFeature } from '../../platform/server-feature';
import { registerDirectoryRoutes } from './directory-routes';
import { registerPhotoRoutes } from './photos/photo-routes';

export type * from './directory-tables';
export type * from './photos/photo-tables';
export {
  internalEntryId,
  publishInternalEntry,
  syncInternalDirectory,
  toDirectoryAccount,
  unpublishInternalEntry,
  type InternalAccount,
  type InternalAccountRow,
} from './internal-directory';
export { canonicalNumber, type CanonicalNumberOptions } from './canonical-number';
export { importDirectory, type DirectoryImportReport, type SharedDirectory } from './imports/import-directory';
export { readCsvRecords, readXmlRecords, type ImportRecord } from './imports/read-import-file';
export { runImportDirectoryCommand } from './imports/import-directory-command';
export { readChangedOwners, readFeedHead } from './read-changes';
export { runMutation, type MutationScope } from './run-mutation';
export { demoPhotoPng } from './photos/demo-photo';
export {
  PhotoError,
  PhotoRefusedError,
  readAccountPhoto,
  removeAccountPhoto,
  setAccountPhoto,
  uploadAccountPhoto,
} from './photos/photo-service';
export { photoPathOf } from './photos/photo-path';
export { runPhotoCommand } from './photos/photo-command';
export { migration0010DirectoryEntries } from './migrations/0010-directory-entries';
export { migration0011Changes } from './migrations/0011-changes';
export { migration0013AccountPhotos } from './migrations/0013-account-photos';

/** GET /changes, the contacts routes and import, GET /photos/:number. */
export const directoryFeature: ServerFeature = {
  name: 'directory',
  async register(api, ctx) {
    await registerDirectoryRoutes(api, ctx);
    await registerPhotoRoutes(api, ctx);
  },
};
