/**
 * `npm run start:web`: runs the engine in Node and serves the UI to a browser
 * at http://127.0.0.1:PORT/#k=KEY (build it first: `npm run build:web`); KEY is
 * new at every launch and the page cannot connect without it. The web
 * shell's composition root: `composeAppCore` with the web seams (the page as
 * media host, preferences in a JSON file, credentials never kept).
 *
 *   --port N          listening port (default 7600; env SWITCHBOARD_WEB_PORT; 0 = random)
 *   --data-dir PATH   data folder: one database per account under accounts/, the device
 *                     preferences in preferences.json (default .stack/web-shell-data;
 *                     env SWITCHBOARD_DATA_DIR)
 *   --static-dir PATH built renderer (default out/web)
 *
 * Stops cleanly (unregisters, closes the journal) on SIGINT/SIGTERM.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';
import { composeAppCore } from '../core/app/compose-app-core';
import { OwnerOnlyFiles } from '../core/platform/db/owner-only-files';
import { MemorySecretStore } from '../core/platform/secrets/memory-secret-store';
import { parseWebShellArgs, type WebShellArgs } from './web-shell-args';
import { startWebShell } from './web-shell-server';

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 8_000;

async function main(): Promise<void> {
  const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  let args: WebShellArgs;
  try {
    args = parseWebShellArgs(process.argv.slice(2), process.env, repoDir);
  } catch (error) {
    console.error(`start-web-shell: ${(error as Error).message}`);
    process.exit(2);
  }
  // the users' data: owner-only (issue 10)
  new OwnerOnlyFiles().ensureDir(args.dataDir);
  const shell = await startWebShell({
    port: args.port,
    staticDir: args.staticDir,
    createBackend: (mediaHost) =>
      composeAppCore({
        dataDir: args.dataDir,
        mediaHost,
        deviceName: `Switchboard web on ${hostname()}`.slice(0, 128),
        // SPEC A3: the web shell never writes credentials anywhere (no auto-login across restarts).
        secretStore: new MemorySecretStore(),
      }),
  });
  console.log(`Switchboard web shell: ${shell.url}`);
  console.log('(open this URL as it is: the part after # is the key of this launch)');
  console.log(`data: ${args.dataDir}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    setTimeout(() => {
      console.error('start-web-shell: shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    shell.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('start-web-shell: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('start-web-shell: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
