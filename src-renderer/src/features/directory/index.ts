/**
 * Directory feature: the Search/Dial field's search and its results, contact
 * details, personal contacts (form, delete, import), the sync state, photos.
 * See README.md.
 */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { directoryViews } from './directory-views';
import { createContactsSlice } from './contacts-slice';
import { createDirectorySlice } from './directory-slice';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createPhotosSlice } from './photos-slice';
import { createSyncSlice } from './sync-slice';

export { colleagueNumberOf } from './colleague-number';
export { ContactDetails } from './contact-details';
export {
  CONTACT_FORM_FIELDS,
  contactFieldsForCreate,
  contactFieldsForUpdate,
  contactValuesFromEntry,
  emptyContactValues,
  initialsOf,
  validateContact,
  type ContactFieldError,
  type ContactFormField,
  type ContactFormValues,
} from './contact-fields';
export {
  IMPORT_ENCODINGS,
  IMPORT_LOCAL_ERRORS,
  importFormatOf,
  type ContactForm,
  type ContactsSlice,
  type ImportFormat,
  type ImportLocalError,
} from './contacts-slice';
export { SEARCH_DEBOUNCE_MS, SEARCH_LIMIT, type DirectoryFilter, type DirectorySlice } from './directory-slice';
export { EntryAvatar } from './entry-avatar';
export { PeerAvatar } from './peer-avatar';
export { PeerPhoto, PeerPresenceLine, usePeerColleague } from './peer-presence';
export { MAX_CACHED_PHOTOS, type PhotosSlice } from './photos-slice';
export {
  dialErrorKey,
  dialOfferFor,
  enterActionFor,
  isNameQuery,
  isNumberQuery,
  searchItemsFor,
  type DialOffer,
  type EnterAction,
  type SearchItem,
} from './search-items';
export { SearchResults, searchItemKey } from './search-results';
export { usePeerEntry } from './use-peer-entry';

export const directoryFeature: RendererFeature = {
  id: 'directory',
  slices: ({ uc, deps }) => [
    createDirectorySlice(uc, deps),
    createContactsSlice(uc),
    createSyncSlice(uc),
    createPhotosSlice(uc),
  ],
  events: (uc, store) => [
    uc.on('sync.onDidChange', (state) => store.getState().setSync(state)),
    uc.on('directory.onDidChange', () => void store.getState().refreshDirectory()),
  ],
  load: (s) => {
    void s.refreshSync();
    if (s.searchQuery || s.selectedEntry) void s.refreshDirectory();
  },
  sessionCleared: {
    searchQuery: '',
    searchResults: null,
    searching: false,
    searchError: null,
    selectedEntry: null,
    selectedError: null,
    contactForm: null,
    contactFieldErrors: {},
    contactError: null,
    importOpen: false,
    peerEntries: {},
  },
  i18n: { en, fr },
  views: directoryViews,
};
