/**
 * Finds the telephony link the OS handed to the app, without ever treating
 * anything as a command-line switch (CVE-2018-1000006 class).
 *
 * How links arrive:
 * - **Windows**: the app registers itself at run time with
 *   `app.setAsDefaultProtocolClient(scheme, process.execPath, [...devArgs, '--'])`
 *   (electron-builder's NSIS target does not register URL schemes), which writes
 *   `"C:\…\Switchboard.exe" [devArgs] "--" "%1"` under `HKCU\Software\Classes\<scheme>\shell\open\command`.
 *   The second process hands its argv to the first one (`second-instance`).
 *   In the 2018 attack a link like `tel:x" --gpu-launcher="cmd …` became switches of the
 *   new process; after `--`, Chromium parses nothing as a switch, so the URL is only
 *   ever read from *after* that separator.
 * - **Linux**: electron-builder writes `MimeType=x-scheme-handler/tel;…` and an `Exec`
 *   line that ends in a bare `%U` (no separator: such argv are ignored here on purpose).
 *   With `linux.executableArgs: ['--', '%u']` it becomes `Exec=/opt/Switchboard/switchboard -- %u`
 *   (one URL, after the separator). `setAsDefaultProtocolClient` on Linux runs
 *   `xdg-settings set default-url-scheme-handler <scheme> <app>.desktop`; the args are not used
 *   there, the .desktop Exec line is. The desktop launches a second process → `second-instance`.
 * - **macOS**: Launch Services delivers the URL through `app.on('open-url')` for the
 *   schemes of Info.plist `CFBundleURLTypes` (electron-builder `protocols`); no argv involved:
 *   see {@link deepLinkFromOpenUrl}.
 *
 * Chromium may reorder the second instance's argv and add switches of its own
 * (Electron docs, `second-instance`), but those go before the `--`. Only the
 * arguments after the first `--` are candidates; among them, only ones that start
 * with a telephony scheme. The result is just a string to hand to
 * parseTelephonyUri — it is never passed to a shell or another process.
 */

/** Schemes recognised as links after the separator (case-insensitive). */
const LINK_PREFIX = /^(?:tel|callto|sips?):/i;

/** Most arguments looked at after `--` (argv is attacker-influenced; keep the work bounded). */
const MAX_ARGS_AFTER_SEPARATOR = 16;

/** Result of {@link extractDeepLinkFromArgv}. */
export type DeepLinkArgvResult =
  | { ok: true; url: string }
  | {
      ok: false;
      /**
       * `no-separator`: no `--` in argv (a plain second launch, or a registration
       * without the separator); `no-link`: nothing after `--` starts with a telephony
       * scheme; `several-links`: more than one did (ambiguous: refused, nothing dialed).
       */
      reason: 'no-separator' | 'no-link' | 'several-links';
    };

/**
 * Extracts the one telephony link that follows the `--` separator in a
 * (second-instance) argv. Never reads anything before `--`, even if it looks
 * like a link. Pure; the caller validates the URL with parseTelephonyUri.
 */
export function extractDeepLinkFromArgv(argv: readonly unknown[]): DeepLinkArgvResult {
  if (!Array.isArray(argv)) return { ok: false, reason: 'no-separator' };
  const separator = argv.indexOf('--');
  if (separator === -1) return { ok: false, reason: 'no-separator' };
  const links = argv
    .slice(separator + 1, separator + 1 + MAX_ARGS_AFTER_SEPARATOR)
    .filter((arg): arg is string => typeof arg === 'string' && LINK_PREFIX.test(arg));
  if (links.length === 0) return { ok: false, reason: 'no-link' };
  if (links.length > 1) return { ok: false, reason: 'several-links' };
  return { ok: true, url: links[0] as string };
}

/**
 * macOS `open-url`: the URL comes alone, from Launch Services, for a scheme we
 * declared. Returns it when it is a string with a telephony scheme; the caller
 * still validates it with parseTelephonyUri.
 */
export function deepLinkFromOpenUrl(url: unknown): DeepLinkArgvResult {
  if (typeof url !== 'string' || !LINK_PREFIX.test(url)) return { ok: false, reason: 'no-link' };
  return { ok: true, url };
}

/**
 * The extra arguments to give `app.setAsDefaultProtocolClient(scheme, process.execPath, args)`:
 * in development (`electron .` / electron-vite: `process.defaultApp` is true) the app path
 * must come first so Windows launches our code and not a bare Electron; the `--` is always last
 * so the OS appends the URL after it.
 */
export function protocolClientArgs(options: { defaultApp: boolean; appEntry?: string | undefined }): string[] {
  const args: string[] = [];
  if (options.defaultApp && options.appEntry !== undefined) args.push(options.appEntry);
  args.push('--');
  return args;
}
