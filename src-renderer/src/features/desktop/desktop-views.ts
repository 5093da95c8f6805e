/**
 * What the desktop feature shows in the app shell: the missed-calls counter
 * beside the user's name, the link confirmation over the main view, and its
 * Settings blocks (popup, headsets, hotkey,
 * links, window, notifications, view, zoom).
 */
import type { FeatureViews } from '../../platform/views/feature-views';
import { HeadsetsSettings } from './headsets/headsets-settings';
import { HotkeyField } from './hotkey/hotkey-field';
import { LinkConfirm } from './links/link-confirm';
import { LinksSettings } from './links/links-settings';
import { BrowserNotificationsSetting } from './notifications/browser-notifications-setting';
import { PopupSettings } from './popup/popup-settings';
import { ViewSettings } from './views/view-settings';
import { WindowSettings } from './window/window-settings';
import { ZoomSettings } from './window/zoom-settings';

export const desktopViews: FeatureViews = {
  headerCounters: [
    {
      id: 'missed',
      order: 10,
      icon: 'phone-missed',
      count: (s) => s.missedCalls,
      labelKey: 'missed.badge',
      open: (s) => s.openHistory(),
    },
  ],
  overlays: [{ id: 'link-confirm', order: 40, Component: LinkConfirm }],
  settingsBlocks: [
    { id: 'popup', section: 'voip', order: 20, Component: PopupSettings },
    { id: 'headsets', section: 'voip', order: 30, Component: HeadsetsSettings },
    { id: 'hotkey', section: 'desktop', order: 10, Component: HotkeyField },
    { id: 'links', section: 'desktop', order: 20, Component: LinksSettings },
    { id: 'window', section: 'desktop', order: 30, Component: WindowSettings },
    { id: 'notifications', section: 'desktop', order: 40, Component: BrowserNotificationsSetting },
    { id: 'view', section: 'display', order: 10, Component: ViewSettings },
    { id: 'zoom', section: 'display', order: 30, Component: ZoomSettings },
  ],
};
