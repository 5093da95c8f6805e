import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { getUc } from '../bridge/get-uc';
import { initialsOf } from '../lib/contact-fields';

/** Most photos kept in memory (data: URLs of at most ~700 KB each); the oldest go first. */
const MAX_CACHED_PHOTOS = 200;

/**
 * data: URLs by photoUrl for this page. A photoUrl carries the photo's
 * version (`?v=`), so a changed photo is a new key. "No photo" is not kept:
 * it may only mean "offline and not cached yet".
 */
const photoDataUrls = new Map<string, string>();

function rememberPhoto(photoUrl: string, dataUrl: string): void {
  photoDataUrls.delete(photoUrl);
  photoDataUrls.set(photoUrl, dataUrl);
  // Map keeps insertion order: the first key is the oldest
  while (photoDataUrls.size > MAX_CACHED_PHOTOS) photoDataUrls.delete(photoDataUrls.keys().next().value!);
}

/**
 * A contact's photo, or their initials when there is none or it cannot be
 * loaded. The photo comes from the engine (`directory.getPhoto`, which
 * fetches it with the UC session and caches it) as a data: URL — the CSP
 * allows only same-origin, data: and blob: images, and the page has no token.
 * `entryId` + `photoUrl` of a directory entry are needed to show a photo.
 */
export function Avatar({
  name,
  photoUrl,
  entryId,
  large,
}: {
  name: string;
  photoUrl?: string | undefined;
  entryId?: string | undefined;
  large?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  // what the engine answered, for which photoUrl (a stale answer for another photoUrl is ignored)
  const [loaded, setLoaded] = useState<{ photoUrl: string; dataUrl: string | null } | undefined>(undefined);
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!photoUrl || !entryId || photoDataUrls.has(photoUrl)) return;
    let live = true;
    getUc()
      .invoke('directory.getPhoto', { id: entryId })
      .then(
        (result) => {
          const value = result.ok ? (result.value?.dataUrl ?? null) : null;
          if (value !== null) rememberPhoto(photoUrl, value);
          if (live) setLoaded({ photoUrl, dataUrl: value });
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [photoUrl, entryId]);
  const className = `contact-avatar${large ? ' is-large' : ''}`;
  const dataUrl =
    photoUrl && entryId
      ? (photoDataUrls.get(photoUrl) ?? (loaded?.photoUrl === photoUrl ? loaded.dataUrl : null))
      : null;
  if (dataUrl && dataUrl !== failedSrc) {
    return (
      <img
        className={className}
        src={dataUrl}
        alt={t('contact.photoAlt', { name })}
        onError={() => setFailedSrc(dataUrl)}
      />
    );
  }
  return (
    <span className={className} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
