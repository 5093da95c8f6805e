/**
 * Starts one Switchboard web shell (the real core: AppCore with its SQLite
 * journal) in this Node process and opens its page in Chromium — one
 * "client" of an e2e scenario.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppCore } from '../../src-main/core/app/app-core';
import { composeAppCore, type AppCoreOptions } from '../../src-main/core/app/compose-app-core';
import { startWebShell } from '../../src-main/web-shell/web-shell-server';
import { webShellPageUrl } from './web-shell-page-url';

export interface WebShellClient {
  page: Page;
  url: string;
  /** the engine behind the page (drive it directly: dial, handleExternalLink, setMainWindowMinimized…) */
  backend: AppCore;
  close(): Promise<void>;
}

/**
 * @param core extra AppCore options. By default the UC reconnection backoff is
 *   capped at 3 s (instead of 30 s) so "server back → UI recovers by itself"
 *   scenarios finish quickly; the behaviour is the same, only faster.
 */
export async function openWebShellClient(
  browser: Browser,
  name: string,
  core: Partial<Omit<AppCoreOptions, 'dataDir' | 'mediaHost'>> = {},
): Promise<WebShellClient> {
  const dataDir = mkdtempSync(join(tmpdir(), `sb-e2e-${name}-`));
  const shell = await startWebShell({
    port: 0,
    createBackend: (mediaHost) =>
      composeAppCore({
        dataDir,
        mediaHost,
        defaultLanguage: 'en',
        backoff: { baseMs: 250, capMs: 3000, minMs: 100 },
        ...core,
      }),
  });
  const context: BrowserContext = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(webShellPageUrl(shell.url));
  return {
    page,
    url: shell.url,
    backend: shell.backend,
    async close() {
      await context.close().catch(() => undefined);
      await shell.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (errors.length) console.warn(`[${name}] page errors:`, errors);
    },
  };
}

export async function logIn(page: Page, opts: { user: string; password: string; server: string }): Promise<void> {
  await page.getByTestId('login-user').fill(opts.user);
  await page.getByTestId('login-password').fill(opts.password);
  await page.getByTestId('login-server').fill(opts.server);
  await page.getByTestId('login-submit').click();
}
