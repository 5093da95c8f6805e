/**
 * Denies everything a page could do to leave the app: navigating away,
 * redirects, opening windows and attaching <webview>s. Allowlisted `https:`
 * links (see external-links.ts) go to the system browser instead.
 *
 * The Electron wiring is done through {@link NavigationGuardTarget}, a narrow
 * seam that main.ts adapts from a real WebContents and unit tests fake.
 */
import { isAllowedExternalUrl } from './external-links';

/** Anything whose default action can be cancelled (Electron's Event). */
export interface Preventable {
  preventDefault(): void;
}

/** The few WebContents hooks the guard needs (adapted in main.ts). */
export interface NavigationGuardTarget {
  /** `contents.on('will-navigate', (event) => …)` with `event.url` */
  onWillNavigate(listener: (event: Preventable, url: string) => void): void;
  /** `contents.on('will-redirect', …)` */
  onWillRedirect(listener: (event: Preventable, url: string) => void): void;
  /** `contents.on('will-attach-webview', …)` */
  onWillAttachWebview(listener: (event: Preventable) => void): void;
  /** `contents.setWindowOpenHandler(…)` */
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  /** True for URLs the window may still navigate to (its own page, e.g. a reload or hash change). */
  isOwnPage(url: string): boolean;
  /** `shell.openExternal`; only called with allowlisted URLs. */
  openExternal(url: string): void;
  /** Allowlist check; defaults to {@link isAllowedExternalUrl}. */
  isExternalAllowed?: (url: string) => boolean;
  /**
   * A tel:/callto:/sip:/sips: link the page tried to follow (navigation or
   * window.open). The navigation is always cancelled; return true when the
   * link was taken (e.g. the main window: dial it, SPEC G1), false to treat it
   * like any other blocked URL. Never reaches `openExternal`.
   */
  onTelephonyLink?: (url: string) => boolean;
  log?: (message: string) => void;
}

/** Installs every denial on one WebContents. */
export function installNavigationGuard(target: NavigationGuardTarget, options: NavigationGuardOptions): void {
  const isExternalAllowed = options.isExternalAllowed ?? isAllowedExternalUrl;
  const log = options.log ?? ((message: string) => console.warn(message));
  const offerExternal = (url: string): void => {
    if (isTelephonyUrl(url)) {
      // Never to openExternal: that would hand an attacker-chosen URI to whatever handler the OS has.
      if (options.onTelephonyLink?.(url) !== true) log(`[shell] blocked telephony link from this page`);
      return;
    }
    if (isExternalAllowed(url)) options.openExternal(url);
    else log(`[shell] blocked: ${url.slice(0, 200)}`);
  };

  target.onWillNavigate((event, url) => {
    if (options.isOwnPage(url)) return;
    event.preventDefault();
    offerExternal(url);
  });
  target.onWillRedirect((event, url) => {
    if (options.isOwnPage(url)) return;
    event.preventDefault();
    log(`[shell] blocked redirect: ${url.slice(0, 200)}`);
  });
  target.onWillAttachWebview((event) => {
    event.preventDefault();
    log('[shell] blocked <webview>');
  });
  target.setWindowOpenHandler(({ url }) => {
    offerExternal(url);
    return { action: 'deny' };
  });
}

/** True for a URL with one of the telephony schemes (case-insensitive); the parser judges the rest. */
export function isTelephonyUrl(url: string): boolean {
  return typeof url === 'string' && /^(?:tel|callto|sips?):/i.test(url);
}
