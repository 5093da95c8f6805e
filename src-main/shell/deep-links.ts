/**
 * tel:, callto: and sip: links handed to the app by the OS (SPEC G1): the
 * protocol-client registration ("Always use this application for telephony
 * links") and the path from an argv / `open-url` to a dial request. No
 * `electron` import: desktop-shell.ts passes `app` through {@link ProtocolClientLike}.
 *
 * Flow: argv (Windows/Linux `second-instance`, or the first instance's own argv
 * at a cold start) → extractDeepLinkFromArgv (only after `--`) → parseTelephonyUri
 * → decideLinkDial → `onDidRequestDial` (confirm / dial) or `onDidRefuseLink`.
 * macOS `open-url` → deepLinkFromOpenUrl → same. Links may arrive before the
 * window and backend exist (macOS fires `open-url` before `ready` on a cold
 * start): they wait until {@link DeepLinks.setReady}, newest few kept.
 * Nothing here ever passes a URL to a shell, `shell.openExternal` or a process.
 */
import {
  decideLinkDial,
  deepLinkFromOpenUrl,
  extractDeepLinkFromArgv,
  parseTelephonyUri,
  protocolClientArgs,
  type LinkDialDecision,
  type LinkOrigin,
  type TelephonyLink,
  type TelephonyUriRefusal,
} from '../core/features/desktop';

/** Schemes registered with the OS (electron-builder `protocols` declares the same for macOS/Linux). */
export const TELEPHONY_SCHEMES = ['tel', 'callto', 'sip'] as const;

/** The part of Electron's `app` used for registration. */
export interface ProtocolClientLike {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  removeAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  isDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/** What the UI gets for a link to dial (`links.onDidRequestDial`). */
export interface LinkDialRequest {
  decision: LinkDialDecision;
  link: TelephonyLink;
  origin: LinkOrigin;
}

export interface DeepLinksOptions {
  app: ProtocolClientLike;
  /** process.execPath */
  execPath: string;
  /** process.defaultApp (true when run as `electron .` in development) */
  defaultApp: boolean;
  /** in development: absolute path of the app entry (process.argv[1]) so the OS launches our code */
  appEntry?: string;
  /** a link to dial: confirm in the UI, or dial now (in-app clicks) */
  onDidRequestDial: (request: LinkDialRequest) => void;
  /** a telephony link we refused (show `links.error.<reason>`) */
  onDidRefuseLink: (refusal: TelephonyUriRefusal, origin: LinkOrigin) => void;
}

/** Result of {@link DeepLinks.setAlwaysUseForTelephonyLinks}. */
export interface RegistrationResult {
  /** schemes whose registration call failed (e.g. blocked by policy, Windows Store package) */
  failed: string[];
}

/** Links received before ready are kept, at most this many (newest kept). */
const MAX_PENDING = 3;

export class DeepLinks {
  private ready = false;
  private pending: Array<() => void> = [];

  constructor(private readonly options: DeepLinksOptions) {}

  /**
   * Applies the setting "Always use this application for telephony links":
   * registers as default handler of tel:, callto:, sip: with the `--` separator
   * (CVE-2018-1000006), or unregisters where we are the handler.
   */
  setAlwaysUseForTelephonyLinks(enabled: boolean): RegistrationResult {
    const args = this.args();
    const failed: string[] = [];
    for (const scheme of TELEPHONY_SCHEMES) {
      let ok: boolean;
      try {
        if (enabled) {
          ok = this.options.app.setAsDefaultProtocolClient(scheme, this.options.execPath, args);
        } else {
          ok =
            !this.options.app.isDefaultProtocolClient(scheme, this.options.execPath, args) ||
            this.options.app.removeAsDefaultProtocolClient(scheme, this.options.execPath, args);
        }
      } catch (error) {
        console.warn(`[links] protocol registration of ${scheme}: failed`, error);
        ok = false;
      }
      if (!ok) failed.push(scheme);
    }
    return { failed };
  }

  /** Whether we are the default handler of every telephony scheme (for the settings checkbox). */
  isAlwaysUsedForTelephonyLinks(): boolean {
    const args = this.args();
    return TELEPHONY_SCHEMES.every((scheme) =>
      this.options.app.isDefaultProtocolClient(scheme, this.options.execPath, args),
    );
  }

  /** `second-instance` argv (origin os-second-instance) or the first instance's argv (cold-start-argv). */
  handleArgv(argv: readonly string[], origin: 'os-second-instance' | 'cold-start-argv'): void {
    const found = extractDeepLinkFromArgv(argv);
    if (found.ok) {
      this.deliver(found.url, origin);
    } else if (found.reason === 'several-links') {
      // Browsers hand over one link; several means a crafted command line. Nothing is dialed.
      console.warn(`[links] refused a ${origin} argv with several links`);
    }
    // no-separator / no-link: a plain second launch, nothing to do.
  }

  /** macOS `open-url` (call `event.preventDefault()` in the listener, as Electron documents). */
  handleOpenUrl(url: unknown): void {
    const found = deepLinkFromOpenUrl(url);
    if (found.ok) this.deliver(found.url, 'os-open-url');
  }

  /** A tel:/callto:/sip: link the user clicked inside our own main window. */
  handleInAppClick(url: string): void {
    this.deliver(url, 'in-app-click');
  }

  /** The window and backend exist: deliver what arrived before, then deliver directly. */
  setReady(): void {
    if (this.ready) return;
    this.ready = true;
    for (const run of this.pending.splice(0)) run();
  }

  private deliver(url: string, origin: LinkOrigin): void {
    const link = parseTelephonyUri(url);
    if (!link.ok) {
      // Never log the whole URL: it may be long or hostile; the reason is enough.
      console.warn(`[links] refused a ${origin} link: ${link.reason}`);
      this.whenReady(() => this.options.onDidRefuseLink(link, origin));
      return;
    }
    const decision = decideLinkDial(link, origin);
    this.whenReady(() => this.options.onDidRequestDial({ decision, link, origin }));
  }

  private whenReady(run: () => void): void {
    if (this.ready) {
      run();
      return;
    }
    this.pending.push(run);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  private args(): string[] {
    return protocolClientArgs({ defaultApp: this.options.defaultApp, appEntry: this.options.appEntry });
  }
}
