/**
 * Desktop integration feature (SPEC A5, A6, F2, G1–G4): telephony links,
 * the dial hotkey, headsets, the incoming popup's clock and visibility, the
 * window and its views, counters and notifications, toasts. One slice per
 * concern, each in its folder. See README.md.
 */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { desktopViews } from './desktop-views';
import { createHeadsetsSlice } from './headsets/headsets-slice';
import { createHotkeySlice } from './hotkey/hotkey-slice';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createLinksSlice } from './links/links-slice';
import { createCountersSlice } from './notifications/counters-slice';
import { notifyMissed } from './notifications/web-notifier';
import { createPopupSlice } from './popup/popup-slice';
import { createToastsSlice } from './toasts/toasts-slice';
import { createViewsSlice } from './views/views-slice';
import { createWindowSlice } from './window/window-slice';

export { HEADSET_VENDORS } from './headsets/headsets-settings';
export type { HeadsetsSlice } from './headsets/headsets-slice';
export { acceleratorParts, captureHotkey, type CaptureResult, type KeyLike } from './hotkey/hotkey-capture';
export type { HotkeySlice } from './hotkey/hotkey-slice';
export type { LinksSlice } from './links/links-slice';
export { LOCAL_PHONE_CONTEXT, telUriFor } from './links/tel-uri';
export type { CountersSlice } from './notifications/counters-slice';
export { missedCalls, notifyMissed, type NotifierDeps } from './notifications/web-notifier';
export type { PopupSlice } from './popup/popup-slice';
export { isPopupVisible, type PopupVisibilityInput } from './popup/popup-visibility';
export { Toasts } from './toasts/toasts';
export { TOAST_MS, type Toast, type ToastsSlice } from './toasts/toasts-slice';
export { ViewSelect } from './views/view-select';
export { MAIN_VIEWS, type AppView, type ViewsSlice } from './views/views-slice';
export { WindowControls } from './window/window-controls';
export type { ShellKind, WindowSlice } from './window/window-slice';

export const desktopFeature: RendererFeature = {
  id: 'desktop',
  slices: ({ uc, deps }) => [
    createViewsSlice(uc),
    createWindowSlice(uc),
    createToastsSlice(deps),
    createLinksSlice(uc),
    createHotkeySlice(uc),
    createHeadsetsSlice(uc),
    createPopupSlice(deps),
    createCountersSlice(uc),
  ],
  events: (uc, store) => {
    const s = () => store.getState();
    return [
      uc.on('links.onDidRequestDial', (request) => s().requestLinkDial(request)),
      uc.on('links.onDidRefuse', (refusal) => s().linkRefused(refusal)),
      uc.on('hotkey.onDidChangeStatus', (status) => s().setHotkeyStatus(status)),
      uc.on('hotkey.onDidHandlePress', (press) => s().hotkeyPressed(press)),
      uc.on('headsets.onDidChange', (status) => s().setHeadsetStatus(status)),
      uc.on('notifications.onDidActivate', (activation) => s().notificationActivated(activation)),
      uc.on('counters.onDidChange', (counters) => s().setCounters(counters)),
    ];
  },
  load: (s) => {
    void s.refreshCounters();
    void s.refreshHotkeyStatus();
    void s.refreshHeadsetStatus();
  },
  sessionCleared: { missedCalls: 0 },
  // SPEC G4: a call missed while the page is hidden
  webNotify: (previous, state, browser, store) => {
    if (state.calls === previous.calls) return;
    notifyMissed(previous.calls, state.calls, { ...browser, openHistory: () => store.getState().openHistory() });
  },
  i18n: { en, fr },
  views: desktopViews,
};
