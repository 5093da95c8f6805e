/**
 * A directory entry's photo, or its initials when there is none or it cannot
 * be loaded (the photo comes through the store, see photos-slice.ts).
 * `entryId` + `photoUrl` of a directory entry are needed to show a photo.
 */
import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { Avatar } from '../../platform/ui/avatar';

export function EntryAvatar({
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
  const dataUrl = useAppStore((s) => (photoUrl && entryId ? s.photos[photoUrl] : undefined));
  const loadPhoto = useAppStore((s) => s.loadPhoto);
  useEffect(() => {
    if (photoUrl && entryId) void loadPhoto(entryId, photoUrl);
  }, [photoUrl, entryId, loadPhoto]);
  return <Avatar name={name} dataUrl={dataUrl ?? null} alt={t('contact.photoAlt', { name })} large={large} />;
}
