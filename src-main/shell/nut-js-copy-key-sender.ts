/**
 * The {@link CopyKeySender} for Windows and macOS (SPEC G2): synthesizes Ctrl+C
 * (Cmd+C on macOS) in the focused application with `@nut-tree-fork/nut-js` 4.x,
 * an *optional* dependency loaded with a dynamic import so the project compiles,
 * bundles and runs without it. No `electron` import.
 *
 * The hotkey fires while the user still holds its modifiers (Ctrl+Alt+D: Ctrl and
 * Alt are down), and a held Alt would turn our Ctrl+C into Ctrl+Alt+C. So the
 * sender first takes the copy modifier down, then releases every other modifier,
 * then taps C, then releases the copy modifier:
 *
 * - Windows / Linux: Ctrl↓, Alt/Shift/Win↑, C↓, C↑, Ctrl↑. Ctrl goes down *before*
 *   Alt and Win are released because a lone Alt (or Win) release makes Windows open
 *   the focused window's menu bar (or the Start menu); with Ctrl down it is a chord.
 * - macOS: Ctrl/Option/Shift↑, then C↓/C↑ carrying the Command flag (libnut posts
 *   the key event with exactly the flags given, `CGEventSetFlags`).
 *
 * libnut (the native part) is N-API, so the same prebuilt binary works in Node and
 * Electron without a rebuild. On Linux it aborts the process when there is no X
 * display, hence the `DISPLAY` check before loading there (Linux normally reads
 * the PRIMARY selection instead; Linux support is for the Xvfb test).
 */
import type { CopyKeySender } from './selection-reader';

/** Key names used here, as spelled in nut-js' `Key` enum (@nut-tree-fork/shared key.enum.d.ts). */
export type NutJsKeyName =
  | 'C'
  | 'LeftControl'
  | 'RightControl'
  | 'LeftAlt'
  | 'RightAlt'
  | 'LeftShift'
  | 'RightShift'
  | 'LeftSuper'
  | 'RightSuper'
  | 'LeftCmd';

/** The part of nut-js' `keyboard` (KeyboardClass) we use. */
export interface NutJsKeyboard {
  config: { autoDelayMs: number };
  /** `pressKey(...modifiers, key)`: modifiers first, the key last */
  pressKey(...keys: number[]): Promise<unknown>;
  releaseKey(...keys: number[]): Promise<unknown>;
}

/** The module namespace (structural, so tests can pass a fake). */
export interface NutJsModule {
  keyboard: NutJsKeyboard;
  Key: Readonly<Record<NutJsKeyName, number>>;
}

/** Platforms this sender knows the copy shortcut of. */
export type CopyKeyPlatform = 'win32' | 'darwin' | 'linux';

/** Why no key sender could be made (shown in the `copy-unavailable` status message). */
export type CopyKeySenderUnavailableReason =
  /** not Windows, macOS or Linux */
  | 'unsupported-platform'
  /** Linux without `DISPLAY`: libnut would abort the process */
  | 'no-display'
  /** the optional package is not installed */
  | 'not-installed'
  /** the package or its native part failed to load */
  | 'load-failed'
  /** it loaded but does not have `keyboard` and the `Key` names we need */
  | 'unexpected-module';

export type CopyKeySenderLoad =
  | { status: 'available'; sender: CopyKeySender }
  | { status: 'unavailable'; reason: CopyKeySenderUnavailableReason; message: string };

/**
 * nut-js sleeps `autoDelayMs` before every press/release (default 300 ms: nine calls
 * would take 2.7 s). libnut itself already waits its keyboard delay (10 ms) after
 * each native key event, which is what applications need.
 */
export const NUT_JS_AUTO_DELAY_MS = 0;

/** Kept in a variable so tsc and the bundler do not try to resolve the optional package. */
const NUT_JS_PACKAGE = '@nut-tree-fork/nut-js';

const KEY_NAMES: readonly NutJsKeyName[] = [
  'C',
  'LeftControl',
  'RightControl',
  'LeftAlt',
  'RightAlt',
  'LeftShift',
  'RightShift',
  'LeftSuper',
  'RightSuper',
  'LeftCmd',
];

export interface LoadNutJsCopyKeySenderOptions {
  platform: string;
  /** environment to check (default `process.env`) */
  env?: NodeJS.ProcessEnv;
  /** seam for tests (default: dynamic `import()`) */
  importModule?: (specifier: string) => Promise<unknown>;
  /** package name (default `@nut-tree-fork/nut-js`) */
  specifier?: string;
}

/**
 * Loads nut-js and returns a sender for `platform`, or why it cannot. Never throws
 * (the hotkey path turns `unavailable` into the `copy-unavailable` status).
 */
export async function loadNutJsCopyKeySender(options: LoadNutJsCopyKeySenderOptions): Promise<CopyKeySenderLoad> {
  const platform = options.platform;
  if (platform !== 'win32' && platform !== 'darwin' && platform !== 'linux') {
    return unavailable('unsupported-platform', `Synthesized copy is not supported on ${platform}.`);
  }
  const env = options.env ?? process.env;
  if (platform === 'linux' && !env['DISPLAY']) {
    return unavailable('no-display', 'No X display (DISPLAY is not set), so no keys can be sent.');
  }
  const specifier = options.specifier ?? NUT_JS_PACKAGE;
  const importModule = options.importModule ?? ((name: string) => import(/* @vite-ignore */ name));
  let imported: unknown;
  try {
    imported = await importModule(specifier);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    // A missing *dependency* of the package (e.g. its libnut binary package) is a broken install, not an absent one.
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(specifier)) {
      return unavailable('not-installed', `${specifier} is not installed (optional dependency).`);
    }
    return unavailable('load-failed', `${specifier} failed to load: ${firstLine(message)}`);
  }
  const module = asNutJsModule(imported);
  if (!module) {
    return unavailable('unexpected-module', `${specifier} does not export keyboard and the Key names we need.`);
  }
  return { status: 'available', sender: createNutJsCopyKeySender(module, platform) };
}

/**
 * The sender over an already loaded nut-js (see the file comment for the key order).
 * A failure is rethrown after a best-effort release of the copy keys, so no key stays
 * down; createCopySelectionReader turns it into `read-failed`.
 */
export function createNutJsCopyKeySender(nut: NutJsModule, platform: CopyKeyPlatform): CopyKeySender {
  const { keyboard, Key } = nut;
  let busy = false;
  return {
    sendCopy: async () => {
      // Two overlapping sequences would interleave their presses and releases.
      if (busy) throw new Error('A copy keystroke is already being sent.');
      busy = true;
      keyboard.config.autoDelayMs = NUT_JS_AUTO_DELAY_MS;
      try {
        if (platform === 'darwin') {
          await releaseEach(keyboard, [
            Key.LeftControl,
            Key.RightControl,
            Key.LeftAlt,
            Key.RightAlt,
            Key.LeftShift,
            Key.RightShift,
          ]);
          await withCleanup(
            async () => {
              await keyboard.pressKey(Key.LeftCmd, Key.C);
              await keyboard.releaseKey(Key.LeftCmd, Key.C);
            },
            () => keyboard.releaseKey(Key.LeftCmd, Key.C),
          );
        } else {
          await withCleanup(
            async () => {
              await keyboard.pressKey(Key.LeftControl);
              await releaseEach(keyboard, [
                Key.LeftAlt,
                Key.RightAlt,
                Key.LeftShift,
                Key.RightShift,
                Key.LeftSuper,
                Key.RightSuper,
              ]);
              await keyboard.pressKey(Key.C);
              await keyboard.releaseKey(Key.C);
              await keyboard.releaseKey(Key.LeftControl);
            },
            async () => {
              await keyboard.releaseKey(Key.C);
              await keyboard.releaseKey(Key.LeftControl);
            },
          );
        }
      } finally {
        busy = false;
      }
    },
  };
}

/** One release per key: `releaseKey(a, b)` would send `b` with `a` as a modifier flag. */
async function releaseEach(keyboard: NutJsKeyboard, keys: readonly number[]): Promise<void> {
  for (const key of keys) await keyboard.releaseKey(key);
}

/** Runs `action`; if it fails, runs `cleanup` (its own failure ignored) and rethrows. */
async function withCleanup(action: () => Promise<void>, cleanup: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
}

/** Accepts the ESM namespace (named exports) or a CommonJS `default` holding them. */
function asNutJsModule(imported: unknown): NutJsModule | undefined {
  const candidates = [imported, (imported as { default?: unknown } | null)?.default];
  for (const candidate of candidates) {
    const module = candidate as Partial<NutJsModule> | null | undefined;
    const keyboard = module?.keyboard;
    const keys = module?.Key as Record<string, unknown> | undefined;
    if (
      keyboard &&
      typeof keyboard.pressKey === 'function' &&
      typeof keyboard.releaseKey === 'function' &&
      typeof keyboard.config === 'object' &&
      keys &&
      KEY_NAMES.every((name) => typeof keys[name] === 'number')
    ) {
      return module as NutJsModule;
    }
  }
  return undefined;
}

function unavailable(reason: CopyKeySenderUnavailableReason, message: string): CopyKeySenderLoad {
  return { status: 'unavailable', reason, message };
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 300);
}
