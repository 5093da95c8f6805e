/**
 * What the directory feature shows in the app shell: the contacts toolbar
 * (Menu tab Contacts), the contact sheets and the import dialog, the sync
 * state in Settings.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureViews } from '../../platform/views/feature-views';
import { ContactsToolbar } from './contacts-toolbar';
import { DirectoryOverlays } from './directory-overlays';
import { SyncStatus } from './sync-status';

declare module '../../platform/views/feature-views' {
  interface SettingsSections {
    sync: true;
  }
}

/** The Menu view's Contacts tab, under the Search/Dial field. */
function ContactsHint(): ReactElement {
  const { t } = useTranslation();
  return <p className="empty-state menu-hint">{t('menu.contactsHint')}</p>;
}

export const directoryViews: FeatureViews = {
  mainSections: [
    { id: 'contacts-toolbar', order: 20, region: 'top', tabs: ['contacts'], Component: ContactsToolbar },
    { id: 'contacts-hint', order: 50, region: 'body', tabs: ['contacts'], inList: false, Component: ContactsHint },
  ],
  menuTabs: [{ tab: 'contacts', order: 50, icon: 'users' }],
  overlays: [{ id: 'directory', order: 10, Component: DirectoryOverlays }],
  settingsSections: [{ id: 'sync', order: 70, title: { key: 'settings.sync' } }],
  settingsBlocks: [{ id: 'sync-status', section: 'sync', order: 10, Component: SyncStatus }],
};
