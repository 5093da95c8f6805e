/** Settings > Synchronisation (SPEC K): state, changes waiting for the server, last sync. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { useDateFormat } from '../settings';

export function SyncStatus(): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const sync = useAppStore((s) => s.sync);
  return (
    <>
      <dl className="sync-status" data-testid="sync-status" data-status={sync?.status} data-pending={sync?.pending}>
        <div>
          <dt>{t('settings.syncState')}</dt>
          <dd>{sync ? t(`sync.status.${sync.status}`) : t('sync.unknown')}</dd>
        </div>
        <div>
          <dt>{t('settings.syncPending')}</dt>
          <dd data-testid="sync-pending">{sync?.pending ?? 0}</dd>
        </div>
        <div>
          <dt>{t('settings.syncLast')}</dt>
          <dd data-testid="sync-last">
            {sync?.lastSyncedAt ? formatDate.dateTime(sync.lastSyncedAt) : t('sync.never')}
          </dd>
        </div>
      </dl>
    </>
  );
}
