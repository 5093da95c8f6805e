/**
 * Photos (SPEC C3) and the internal-directory entry of a call party: both
 * come from the engine (`directory.getPhoto` fetches a photo with the UC
 * session and caches it on disk; `directory.get` of `internal:<number>`), so
 * components ask the store, never the bridge.
 *
 * Photos are kept as data: URLs by photoUrl — the CSP allows only
 * same-origin, data: and blob: images, and the page has no token. A photoUrl
 * carries the photo's version (`?v=`), so a changed photo is a new key.
 * "No photo" is not kept: it may only mean "offline and not cached yet".
 */
import type { DirectoryEntryView, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../platform/store/app-state';

/** Most photos kept in memory (data: URLs of at most ~700 KB each); the oldest go first. */
export const MAX_CACHED_PHOTOS = 200;

/** Internal numbers are short digit strings; anything else cannot be in the internal directory. */
const INTERNAL_NUMBER = /^\d{2,8}$/;

export interface PhotosSlice {
  /** data: URLs by photoUrl, oldest first */
  photos: Readonly<Record<string, string>>;
  /** internal-directory entries of peer numbers (their photo, their name) */
  peerEntries: Readonly<Record<string, DirectoryEntryView>>;
  /** Fetches the photo of a directory entry unless it is in memory. */
  loadPhoto(entryId: string, photoUrl: string): Promise<void>;
  /** Looks a peer number up in the internal directory (nothing for external numbers). */
  loadPeerEntry(peer: string): Promise<void>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends PhotosSlice {}
}

export function createPhotosSlice(uc: UcApi): SliceCreator<PhotosSlice> {
  return (set, get) => ({
    photos: {},
    peerEntries: {},
    async loadPhoto(entryId, photoUrl) {
      if (get().photos[photoUrl] !== undefined) return;
      const result = await uc.invoke('directory.getPhoto', { id: entryId }).catch(() => null);
      const dataUrl = result?.ok ? (result.value?.dataUrl ?? null) : null;
      if (dataUrl === null) return;
      // object keys keep their insertion order: the first key is the oldest
      const { [photoUrl]: _previous, ...others } = get().photos;
      const keys = Object.keys(others);
      const kept = keys.slice(Math.max(0, keys.length - (MAX_CACHED_PHOTOS - 1)));
      set({ photos: { ...Object.fromEntries(kept.map((k) => [k, others[k]!])), [photoUrl]: dataUrl } });
    },
    async loadPeerEntry(peer) {
      if (!INTERNAL_NUMBER.test(peer)) return;
      const result = await uc.invoke('directory.get', { id: `internal:${peer}` }).catch(() => null);
      if (result?.ok) set({ peerEntries: { ...get().peerEntries, [peer]: result.value } });
    },
  });
}
