/**
 * The app shell shows what the features declare (their `views`), in the
 * declared order: the screen is the one it was when app/ listed the views
 * itself (same sections, tabs, counters, overlays and Settings, same order),
 * and a new feature's views land where their `order` says without any edit
 * in app/.
 */
import { describe, expect, it } from 'vitest';
import {
  composeViews,
  HEADER_COUNTERS,
  inOrder,
  MAIN_SECTIONS,
  MENU_ITEMS,
  MENU_TABS,
  OVERLAYS,
  SETTINGS_SECTIONS,
} from '../../../src-renderer/src/app/feature-views';
import { FEATURES } from '../../../src-renderer/src/app/feature-registry';
import { AudioDevicesSettings } from '../../../src-renderer/src/features/calls/audio-devices-settings';
import { CallsPanel } from '../../../src-renderer/src/features/calls/calls-panel';
import { DialField } from '../../../src-renderer/src/features/calls/dial-field';
import { IncomingPopups } from '../../../src-renderer/src/features/calls/incoming-popup';
import { TransferDialog } from '../../../src-renderer/src/features/calls/transfer-dialog';
import { DialScopeDialog } from '../../../src-renderer/src/features/calls/dial-scope-dialog';
import { IceServersSettings, VoipSwitchSettings } from '../../../src-renderer/src/features/calls/voip-settings';
import { HeadsetsSettings } from '../../../src-renderer/src/features/desktop/headsets/headsets-settings';
import { HotkeyField } from '../../../src-renderer/src/features/desktop/hotkey/hotkey-field';
import { LinkConfirm } from '../../../src-renderer/src/features/desktop/links/link-confirm';
import { LinksSettings } from '../../../src-renderer/src/features/desktop/links/links-settings';
import { BrowserNotificationsSetting } from '../../../src-renderer/src/features/desktop/notifications/browser-notifications-setting';
import { PopupSettings } from '../../../src-renderer/src/features/desktop/popup/popup-settings';
import { ViewSettings } from '../../../src-renderer/src/features/desktop/views/view-settings';
import { WindowSettings } from '../../../src-renderer/src/features/desktop/window/window-settings';
import { ZoomSettings } from '../../../src-renderer/src/features/desktop/window/zoom-settings';
import { ContactsToolbar } from '../../../src-renderer/src/features/directory/contacts-toolbar';
import { DirectoryOverlays } from '../../../src-renderer/src/features/directory/directory-overlays';
import { SyncStatus } from '../../../src-renderer/src/features/directory/sync-status';
import { ConversationDetailsOverlay } from '../../../src-renderer/src/features/conversations/conversation-details';
import { ConversationsList } from '../../../src-renderer/src/features/conversations/conversations-list';
import { ConversationList } from '../../../src-renderer/src/features/messages/conversation-list';
import { ConversationOverlay } from '../../../src-renderer/src/features/messages/conversation-overlay';
import {
  LogoutSettings,
  PasswordSettings,
  TrustedCertificatesSettings,
} from '../../../src-renderer/src/features/session/session-settings';
import { DateFormatSettings } from '../../../src-renderer/src/features/settings/date-format-settings';
import { GeneralSettings } from '../../../src-renderer/src/features/settings/general-settings';
import { ServersSettings } from '../../../src-renderer/src/features/settings/servers-settings';
import { VoicemailList } from '../../../src-renderer/src/features/voicemail/voicemail-list';
import { FavoritesList } from '../../../src-renderer/src/features/favorites/favorites-list';
import { ForwardingSettings } from '../../../src-renderer/src/features/forwarding/forwarding-settings';
import { PersonalDataSettings } from '../../../src-renderer/src/features/profile/personal-data-settings';
import { VoicemailPinForm } from '../../../src-renderer/src/features/profile/voicemail-pin-form';
import { MessagesSquare, Presentation, Star } from 'lucide-react';
import { ConferencesView } from '../../../src-renderer/src/features/conferences/conferences-view';
import type { RendererFeature } from '../../../src-renderer/src/platform/store/renderer-feature';

const Nothing = () => null;

describe('the views the features declare', () => {
  it('main view: the same sections in the same order and places', () => {
    expect(MAIN_SECTIONS.map((s) => [s.id, s.region, s.tabs ?? 'all', s.wrapper ?? ''])).toEqual([
      ['dial', 'top', ['calls', 'contacts'], ''],
      ['voip-problem', 'top', ['calls'], ''],
      ['contacts-toolbar', 'top', ['contacts'], ''],
      ['calls', 'body', 'all', ''],
      ['calls-hint', 'body', ['calls'], ''],
      ['contacts-hint', 'body', ['contacts'], ''],
      ['favorites', 'body', ['favorites'], 'main-favorites'],
      ['messages', 'body', ['messages'], 'main-messages'],
      ['conversations', 'body', ['conversations'], 'main-conversations'],
      ['voicemail', 'body', ['voicemail'], 'main-voicemail'],
      ['conferences', 'body', ['conferences'], ''],
      ['history', 'body', ['history'], 'main-rest'],
    ]);
    const component = (id: string) => MAIN_SECTIONS.find((s) => s.id === id)?.Component;
    expect(component('dial')).toBe(DialField);
    expect(component('contacts-toolbar')).toBe(ContactsToolbar);
    expect(component('calls')).toBe(CallsPanel);
    expect(component('messages')).toBe(ConversationList);
    expect(component('favorites')).toBe(FavoritesList);
    expect(component('voicemail')).toBe(VoicemailList);
    expect(component('conversations')).toBe(ConversationsList);
    expect(component('conferences')).toBe(ConferencesView);
    // the hints, the conversations and the conferences show only in the Menu view
    expect(MAIN_SECTIONS.filter((s) => s.inList === false).map((s) => s.id)).toEqual([
      'calls-hint',
      'contacts-hint',
      'conversations',
      'conferences',
    ]);
  });

  it('Menu view: the same tabs, icons and counters in the same order', () => {
    expect(MENU_TABS).toEqual([
      'calls',
      'conversations',
      'favorites',
      'messages',
      'history',
      'voicemail',
      'conferences',
      'contacts',
    ]);
    expect(MENU_ITEMS.map((item) => [item.icon, item.badge?.testId ?? ''])).toEqual([
      ['phone', ''],
      [MessagesSquare, 'menu-conversations-unread'],
      [Star, ''],
      ['message', 'menu-messages-unread'],
      ['history', 'menu-missed'],
      ['voicemail', 'menu-voicemail-new'],
      [Presentation, 'menu-conferences-active'], // its own icon: 'users' is Contacts'
      ['users', ''],
    ]);
  });

  it('header: missed calls, unread messages, new voicemails', () => {
    expect(HEADER_COUNTERS.map((c) => [c.id, c.icon, c.labelKey])).toEqual([
      ['missed', 'phone-missed', 'missed.badge'],
      ['unread', 'message', 'counters.unread'],
      ['voicemail', 'voicemail', 'counters.voicemail'],
    ]);
  });

  it('overlays: the same sheets in the same stacking order', () => {
    expect(OVERLAYS.map((o) => o.Component)).toEqual([
      DirectoryOverlays,
      ConversationOverlay,
      ConversationDetailsOverlay,
      IncomingPopups,
      LinkConfirm,
      TransferDialog,
      DialScopeDialog,
    ]);
  });

  it('Settings: the same sections and blocks in the same order', () => {
    expect(SETTINGS_SECTIONS.map((s) => [s.id, s.title?.key ?? null])).toEqual([
      ['general', 'settings.general'],
      ['profile', 'profile.title'],
      ['voip', 'settings.voip'],
      ['forwarding', 'forwarding.title'],
      ['voicemail-pin', 'voicemailPin.title'],
      ['desktop', 'settings.desktop'],
      ['display', 'settings.display'],
      ['servers', 'settings.servers'],
      ['password', 'settings.password'],
      ['sync', 'settings.sync'],
      ['logout', null],
    ]);
    expect(SETTINGS_SECTIONS.find((s) => s.id === 'servers')?.title?.values).toEqual({ max: 4 });
    expect(SETTINGS_SECTIONS.map((s) => s.blocks.map((b) => b.Component))).toEqual([
      [GeneralSettings],
      [PersonalDataSettings],
      [VoipSwitchSettings, AudioDevicesSettings, PopupSettings, HeadsetsSettings, IceServersSettings],
      [ForwardingSettings],
      [VoicemailPinForm],
      [HotkeyField, LinksSettings, WindowSettings, BrowserNotificationsSetting],
      [ViewSettings, DateFormatSettings, ZoomSettings],
      [ServersSettings, TrustedCertificatesSettings],
      [PasswordSettings],
      [SyncStatus],
      [LogoutSettings],
    ]);
  });
});

describe('composing the views', () => {
  const feature = (views: RendererFeature['views']): RendererFeature => ({
    id: 'favorites',
    slices: () => [],
    i18n: { en: {}, fr: {} },
    views,
  });

  it('a new feature lands where its order says, with no edit in app/', () => {
    const views = composeViews([
      ...FEATURES,
      feature({
        mainSections: [{ id: 'bookmarks', order: 57, region: 'body', Component: Nothing }],
        overlays: [{ id: 'bookmark-editor', order: 60, Component: Nothing }],
        settingsBlocks: [{ id: 'bookmarks', section: 'display', order: 25, Component: Nothing }],
      }),
    ]);
    expect(views.mainSections.map((s) => s.id).slice(5, 9)).toEqual([
      'contacts-hint',
      'favorites',
      'bookmarks',
      'messages',
    ]);
    expect(views.overlays.at(-1)?.id).toBe('bookmark-editor');
    expect(views.settings.find((s) => s.id === 'display')?.blocks.map((b) => b.id)).toEqual([
      'view',
      'date-format',
      'bookmarks',
      'zoom',
    ]);
  });

  it('refuses two views in one place, one id twice, a block in an undeclared section', () => {
    expect(() =>
      composeViews([...FEATURES, feature({ menuTabs: [{ tab: 'calls', order: 99, icon: 'phone' }] })]),
    ).toThrow(/menu tab calls is declared twice/);
    expect(() =>
      composeViews([...FEATURES, feature({ overlays: [{ id: 'favorites', order: 10, Component: Nothing }] })]),
    ).toThrow(/overlays directory and favorites share the order 10/);
    expect(() =>
      composeViews([
        feature({ settingsBlocks: [{ id: 'favorites', section: 'display', order: 10, Component: Nothing }] }),
      ]),
    ).toThrow(/section display, which no feature declares/);
    expect(inOrder('x', [{ order: 2 }, { order: 1 }], (item) => String(item.order))).toEqual([
      { order: 1 },
      { order: 2 },
    ]);
  });
});
