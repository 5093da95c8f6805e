/**
 * What the main view shows (SPEC A6, DESIGN "Layout"), section by section,
 * and the Menu view's icon bar. List and Details show every section (those
 * with `inList` when it says so); the Menu view shows the sections of the
 * selected tab. A new view is one entry in MAIN_SECTIONS (and one in
 * MENU_ITEMS when it has a tab); its overlays go in OVERLAYS.
 */
import type { ComponentType, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CallsPanel, DialField, IncomingPopups, JournalList, TransferDialog } from '../features/calls';
import { LinkConfirm } from '../features/desktop';
import { ContactsToolbar, DirectoryOverlays } from '../features/directory';
import { FavoritesList } from '../features/favorites';
import { ConversationList, ConversationOverlay, totalUnread } from '../features/messages';
import { newVoicemailCount, VoicemailList } from '../features/voicemail';
import type { AppState, MenuTab } from '../platform/store/app-state';
import { useAppStore } from '../platform/store/use-app-store';
import type { IconName } from '../platform/ui/icon';

export interface MainSection {
  id: string;
  /** 'top': the row under the header (Search/Dial field, contacts toolbar); 'body': below the calls */
  region: 'top' | 'body';
  /** Menu view: the tabs that show it (absent: every tab) */
  tabs?: readonly MenuTab[];
  /** List and Details views: whether it shows (absent: always; `false`: only in the Menu view) */
  inList?: ((state: AppState) => boolean) | false;
  /** Menu view: whether it shows on its tab (absent: always) */
  inMenu?: (state: AppState) => boolean;
  /** class of the wrapper around it, if any */
  wrapper?: string;
  /** `split`: the Details view's side pane is shown */
  Component: ComponentType<{ split: boolean }>;
}

export interface MenuItem {
  tab: MenuTab;
  icon: IconName;
  /** the green counter on the icon */
  badge?: {
    testId: string;
    count(state: AppState): number;
    /** also said in the button's accessible name (i18n key with {{count}}) */
    labelKey?: string;
  };
}

function CallsHint(): ReactElement {
  const { t } = useTranslation();
  return <p className="empty-state menu-hint">{t('menu.callsHint')}</p>;
}

function ContactsHint(): ReactElement {
  const { t } = useTranslation();
  return <p className="empty-state menu-hint">{t('menu.contactsHint')}</p>;
}

function History({ split }: { split: boolean }): ReactElement {
  // the Details view opens a history row in its side pane
  return <JournalList selectable={split} />;
}

export const MAIN_SECTIONS: readonly MainSection[] = [
  { id: 'dial', region: 'top', tabs: ['calls', 'contacts'], Component: DialField },
  { id: 'contacts-toolbar', region: 'top', tabs: ['contacts'], Component: ContactsToolbar },
  // calls are pinned above whatever is shown, and survive a short outage above the overlay
  { id: 'calls', region: 'body', Component: CallsPanel },
  {
    id: 'calls-hint',
    region: 'body',
    tabs: ['calls'],
    inList: false,
    inMenu: (s) => s.calls.length === 0,
    Component: CallsHint,
  },
  { id: 'contacts-hint', region: 'body', tabs: ['contacts'], inList: false, Component: ContactsHint },
  // SPEC D1: its own tab in the Menu view; in the List and Details views above the messages
  { id: 'favorites', region: 'body', tabs: ['favorites'], wrapper: 'main-favorites', Component: FavoritesList },
  { id: 'messages', region: 'body', tabs: ['messages'], wrapper: 'main-messages', Component: ConversationList },
  // SPEC H1: its own tab in the Menu view; above the history elsewhere once there are messages
  {
    id: 'voicemail',
    region: 'body',
    tabs: ['voicemail'],
    inList: (s) => s.voicemails.length > 0,
    wrapper: 'main-voicemail',
    Component: VoicemailList,
  },
  { id: 'history', region: 'body', tabs: ['history'], wrapper: 'main-rest', Component: History },
];

/** The Menu view's icon bar, top to bottom (Settings comes last, always). */
export const MENU_ITEMS: readonly MenuItem[] = [
  { tab: 'calls', icon: 'phone' },
  { tab: 'favorites', icon: 'star' },
  {
    tab: 'messages',
    icon: 'message',
    badge: { testId: 'menu-messages-unread', count: (s) => totalUnread(s.conversations) },
  },
  {
    tab: 'history',
    icon: 'history',
    badge: { testId: 'menu-missed', count: (s) => s.missedCalls, labelKey: 'missed.badge' },
  },
  {
    tab: 'voicemail',
    icon: 'voicemail',
    badge: { testId: 'menu-voicemail-new', count: (s) => newVoicemailCount(s.voicemails) },
  },
  { tab: 'contacts', icon: 'users' },
];

/** Every tab of the Menu view, in order. */
export const MENU_TABS: readonly MenuTab[] = MENU_ITEMS.map((item) => item.tab);

/** Sheets and popups over the main view, in stacking order. */
export const OVERLAYS: readonly ComponentType<{ split: boolean }>[] = [
  DirectoryOverlays,
  ConversationOverlay,
  IncomingPopups,
  LinkConfirm,
  TransferDialog,
];

/** Whether a section shows: `tab` is the Menu view's tab, null in the other views. */
export function sectionShown(section: MainSection, tab: MenuTab | null, state: AppState): boolean {
  if (tab === null) return section.inList === undefined || (section.inList !== false && section.inList(state));
  return (section.tabs === undefined || section.tabs.includes(tab)) && (section.inMenu?.(state) ?? true);
}

/** The sections shown now, re-rendering when what decides it changes. */
export function useShownSections(tab: MenuTab | null): MainSection[] {
  const shown = useAppStore((s) => MAIN_SECTIONS.map((section) => sectionShown(section, tab, s)).join());
  return MAIN_SECTIONS.filter((_, i) => shown.split(',')[i] === 'true');
}
