/**
 * The web shell's browser notifications (SPEC G4/H): the browser's
 * Notification API handed to every feature's `webNotify` after each store
 * change. Electron raises native notifications from the main process.
 */
import i18next from 'i18next';
import type { WebNotifierDeps } from '../platform/browser-notifier';
import type { AppStore } from '../platform/store/app-state';
import { FEATURES } from './feature-registry';

export function watchWebNotifications(store: AppStore): void {
  const browser: WebNotifierDeps = {
    isHidden: () => document.visibilityState === 'hidden',
    permission: () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission),
    notify: (title, body, onClick) => {
      const notification = new Notification(title, { body });
      notification.onclick = () => {
        window.focus();
        onClick();
      };
    },
    translate: (key, values) => i18next.t(key, values),
  };
  store.subscribe((state, previous) => {
    for (const feature of FEATURES) feature.webNotify?.(previous, state, browser, store);
  });
}
