/**
 * What every web-shell notifier (missed calls, voicemail, instant messages —
 * SPEC G4) needs of the browser's Notification API and of i18next. Electron
 * raises native notifications from the main process instead.
 */
export interface BrowserNotifierDeps {
  permission(): NotificationPermission | 'unsupported';
  /** shows one notification; `onClick` runs after the page is focused */
  notify(title: string, body: string, onClick: () => void): void;
  translate(key: string, values?: Record<string, string>): string;
}

/** What the app hands to each feature's web notifications: the browser, and whether the page is hidden. */
export interface WebNotifierDeps extends BrowserNotifierDeps {
  isHidden(): boolean;
}
