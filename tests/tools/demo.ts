/**
 * `npm run demo`: the whole thing on one machine with no configuration.
 *
 * Starts the dev SIP stack (Kamailio on 127.0.0.1 with the demo users), then
 * the app logged in as a demo user: the Electron app where its binary is
 * installed, otherwise two web-shell clients (100 on :7600 and 101 on :7601)
 * so a call can be tried between two browser tabs. Each web shell prints its
 * URL with the key of this launch after `#k=` (a page without it is refused),
 * so open the printed URLs as they are. Ctrl+C stops everything.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { composeAppCore } from '../../src-main/core/app/compose-app-core';
import { OwnerOnlyFiles } from '../../src-main/core/platform/db/owner-only-files';
import { startWebShell } from '../../src-main/web-shell/web-shell-server';
import { REPO_ROOT, startStack } from '../../server/stack/start-stack';

const WEB_PORTS = [7600, 7601];

/**
 * Path of the Electron binary when it is installed (never on machines that
 * installed with ELECTRON_SKIP_BINARY_DOWNLOAD). Read from electron's
 * path.txt instead of `require('electron')`, which tries to download the
 * binary on first use (Electron 42+).
 */
function electronBinary(): string | undefined {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkg, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Newest modification time of the files under `dir` (0 if it does not exist). */
function newestMtimeMs(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when there is no build or its sources changed since (a pulled branch must not show an old UI). */
function ensureWebBuild(): void {
  const index = join(REPO_ROOT, 'out/web/index.html');
  const sources = Math.max(
    newestMtimeMs(join(REPO_ROOT, 'src-renderer')),
    newestMtimeMs(join(REPO_ROOT, 'src-preload')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('building the renderer (npm run build:web)…');
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:web failed');
}

async function main(): Promise<void> {
  const stack = await startStack();
  const server = stack.serverAddress;
  const [first, second] = stack.users;
  if (!first || !second) throw new Error('the demo needs at least two demo users');
  console.log(`UC server: ${stack.apiUrl}  SIP: ${stack.wssUrl ?? stack.wsUrl} (domain ${stack.domain})`);
  console.log(`Certificate (self-signed, API and WSS): SHA-256 ${stack.certificateFingerprint}`);

  const closers: Array<() => Promise<void>> = [];
  let child: ChildProcess | undefined;
  const electron = process.env.SWITCHBOARD_DEMO_WEB ? undefined : electronBinary();
  if (electron) {
    console.log(`Electron found: starting the desktop app logged in as ${first.number}`);
    // the desktop app asks once to trust the dev certificate: compare with the fingerprint above
    console.log('The app shows the certificate once: accept it (same SHA-256 as above).');
    spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    child = spawn(electron, ['.'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        SWITCHBOARD_DEMO_LOGIN: JSON.stringify({ server, user: first.number, password: first.password }),
      },
    });
  } else {
    ensureWebBuild();
    for (const [i, user] of [first, second].entries()) {
      const dataDir = join(REPO_ROOT, '.stack', `demo-${user.number}`);
      new OwnerOnlyFiles().ensureDir(dataDir);
      const shell = await startWebShell({
        port: WEB_PORTS[i],
        // the launcher just made this certificate: it pins it, as if the user had accepted it (SPEC A1)
        createBackend: (mediaHost) =>
          composeAppCore({
            dataDir,
            mediaHost,
            trustedCertificates: { [`https://${server}`]: stack.certificateFingerprint },
          }),
      });
      closers.push(() => shell.close());
      const state = await shell.backend.invoke('session.login', { server, user: user.number, password: user.password });
      console.log(`${user.number} (${user.displayName}): ${shell.url}  [${state.status}]`);
    }
    console.log(
      `\nOpen both URLs as printed (the part after # is the key of this launch; without it the page cannot connect); in the first, type "mul" (or ${second.number}) and call ${second.displayName}; answer in the second.`,
    );
  }
  console.log('Demo users (password = Welcome<number>!):', stack.users.map((u) => u.number).join(', '));
  console.log('Ctrl+C stops everything.');

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    child?.kill('SIGTERM');
    for (const close of closers) await close().catch(() => undefined);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  child?.on('exit', () => void stop());
}

main().catch((err: unknown) => {
  console.error('demo failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
