/**
 * The dial hotkey's copy keystroke with the REAL @nut-tree-fork/nut-js (SPEC G2),
 * observed on a real X server: Xvfb, an `xev` window holding the keyboard focus
 * that prints every KeyPress/KeyRelease with its modifier state, and `xdotool`
 * holding Alt down the way the user still holds it after pressing Ctrl+Alt+D.
 *
 * The sender (nut-js-copy-key-sender.ts) must produce Ctrl↓ Alt↑ C↓ C↑ Ctrl↑,
 * with C carrying Control only. A control run sends Ctrl+C naively through
 * nut-js with Alt held and must show C carrying Alt too: proof the observer
 * sees the failure the modifier release prevents.
 *
 * nut-js runs in a child process: libnut keeps its X connection open and Xlib
 * exits the process when that server goes away, which must not be the test
 * worker. Needs the apt packages `xvfb`, `x11-utils` (xev) and `xdotool`, and
 * the optional package; skipped, saying what is missing, otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath, startXvfb } from '../../support/xvfb';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SENDER_URL = pathToFileURL(
  fileURLToPath(new URL('../../../src-main/shell/nut-js-copy-key-sender.ts', import.meta.url)),
).href;

function nutJsInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@nut-tree-fork/nut-js');
    return true;
  } catch {
    return false;
  }
}

const missing = [
  ...['Xvfb', 'xev', 'xdotool'].filter((binary) => !onPath(binary)),
  ...(process.platform === 'linux' ? [] : ['Linux']),
  ...(nutJsInstalled() ? [] : ['@nut-tree-fork/nut-js']),
];
if (missing.length > 0) console.warn(`[nut-js-keys] skipped: ${missing.join(', ')} not available`);

interface KeyEvent {
  type: 'press' | 'release';
  keysym: string;
  /** X modifier mask: 0x4 Control, 0x8 Mod1 (Alt), 0x1 Shift */
  state: number;
}

const EVENT = /(KeyPress|KeyRelease) event,[^]*?state (0x[0-9a-f]+), keycode \d+ \(keysym 0x[0-9a-f]+, (\w+)\)/g;

function parseEvents(text: string): KeyEvent[] {
  return [...text.matchAll(EVENT)].map((match) => ({
    type: match[1] === 'KeyPress' ? 'press' : 'release',
    state: Number.parseInt(match[2] ?? '0', 16),
    keysym: match[3] ?? '',
  }));
}

const CONTROL_MASK = 0x4;
const ALT_MASK = 0x8;

/** Waits (bounded) until `check` is true; polls every 20 ms. */
async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 20) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Runs a short program with a bounded time; rejects with its stderr on failure. */
function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${file} ${args[0] ?? ''} failed (${code ?? signal}): ${err.trim().slice(0, 500)}`));
    });
  });
}

/** Node + tsx running `code` as an ES module, in its own process (see the file comment). */
function runNode(code: string, env: NodeJS.ProcessEnv): Promise<string> {
  return run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], env);
}

/** Kills a child and waits (bounded, 2 s) for it to exit. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill();
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

describe.skipIf(missing.length > 0)('nut-js copy keystroke on a real X server (Xvfb + xev)', () => {
  let xvfb: ChildProcess | undefined;
  let xev: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv;
  let output = '';

  beforeAll(async () => {
    const started = await startXvfb();
    xvfb = started.process;
    env = { ...process.env, DISPLAY: started.display };
    // stdbuf: xev writes through stdio, which a pipe would otherwise buffer.
    xev = spawn('stdbuf', ['-oL', 'xev', '-event', 'keyboard', '-geometry', '300x200+0+0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    xev.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => /Outer window is 0x[0-9a-f]+/.test(output), 'the xev window');
    // --sync --onlyvisible: waits until the window is mapped (focusing an unmapped one fails).
    const found = await run('xdotool', ['search', '--sync', '--onlyvisible', '--name', '^Event Tester$'], env, 10_000);
    const window = found.trim().split('\n')[0] ?? '';
    expect(window).toMatch(/^\d+$/);
    await run('xdotool', ['windowfocus', '--sync', window], env, 10_000);
  });

  afterAll(async () => {
    await stop(xev);
    await stop(xvfb);
  });

  /** Holds Alt like the user after Ctrl+Alt+D, runs `code`, and returns the key events xev saw meanwhile. */
  async function withAltHeld(code: string, lastKey: KeyEvent): Promise<KeyEvent[]> {
    const from = output.length;
    await run('xdotool', ['keydown', 'alt'], env, 10_000);
    await waitFor(() => parseEvents(output.slice(from)).some((e) => e.keysym === 'Alt_L'), 'Alt held');
    const result = await runNode(code, env);
    expect(result.trim().split('\n').at(-1)).toBe('done');
    const seen = (): KeyEvent[] => parseEvents(output.slice(from));
    await waitFor(
      () => seen().some((e) => e.type === lastKey.type && e.keysym === lastKey.keysym),
      `${lastKey.keysym} ${lastKey.type}`,
    );
    await run('xdotool', ['keyup', 'alt'], env, 10_000);
    return seen();
  }

  it('the sender releases the held Alt and sends exactly Ctrl+C', async () => {
    const events = await withAltHeld(
      `const { loadNutJsCopyKeySender } = await import(${JSON.stringify(SENDER_URL)});
       const loaded = await loadNutJsCopyKeySender({ platform: 'linux' });
       if (loaded.status !== 'available') throw new Error(loaded.reason + ': ' + loaded.message);
       await loaded.sender.sendCopy();
       console.log('done');`,
      { type: 'release', keysym: 'Control_L', state: 0 },
    );
    const sequence = events.map((e) => `${e.type}:${e.keysym}`);
    expect(sequence).toEqual([
      'press:Alt_L',
      'press:Control_L',
      'release:Alt_L',
      'press:c',
      'release:c',
      'release:Control_L',
    ]);
    const c = events.find((e) => e.type === 'press' && e.keysym === 'c');
    expect(c?.state).toBe(CONTROL_MASK); // Control only: no Alt, no Shift
  });

  it('control run: a naive Ctrl+C with Alt held reaches the window as Ctrl+Alt+C', async () => {
    const events = await withAltHeld(
      `const { keyboard, Key } = await import('@nut-tree-fork/nut-js');
       keyboard.config.autoDelayMs = 0;
       await keyboard.pressKey(Key.LeftControl, Key.C);
       await keyboard.releaseKey(Key.LeftControl, Key.C);
       console.log('done');`,
      { type: 'release', keysym: 'Control_L', state: 0 },
    );
    const c = events.find((e) => e.type === 'press' && e.keysym === 'c');
    expect(c).toBeDefined();
    expect((c?.state ?? 0) & ALT_MASK).toBe(ALT_MASK);
    expect((c?.state ?? 0) & CONTROL_MASK).toBe(CONTROL_MASK);
  });
});
