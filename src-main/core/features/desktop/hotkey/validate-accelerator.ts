import { assertNever } from '../../../../../src-preload/contract/platform/assert-never';

/**
 * Why a dial hotkey is refused (SPEC G2). The settings UI shows
 * `hotkey.error.<reason>`; {@link HotkeyRefusal.message} is the English text.
 */
export type HotkeyError =
  /** nothing given */
  | 'empty'
  /** not `Modifier+…+Key` (empty part, a modifier twice, a modifier as the key) */
  | 'malformed'
  /** not a key name Electron knows */
  | 'unknown-key'
  /** a real key but not a letter, a digit or F3–F12 (Space, arrows, Enter, F13…) */
  | 'key-not-allowed'
  /** F1 (help everywhere) or F2 (rename in file managers and spreadsheets) */
  | 'reserved-function-key'
  /** F3–F12 must be pressed alone */
  | 'function-key-with-modifier'
  /** a letter or digit alone would fire while the user types */
  | 'bare-key'
  /** Shift+letter is just typing a capital letter */
  | 'shift-only'
  /** Alt+letter opens menus (Windows) or types characters (macOS Option) */
  | 'alt-only'
  /** Alt+Shift+key: the allowed two-modifier combinations all include Ctrl */
  | 'ctrl-required'
  /** Ctrl+Alt+Shift+key: at most two modifiers */
  | 'too-many-modifiers'
  /** Ctrl+C, V, Z, R, A or X: the editing shortcuts every application needs */
  | 'reserved-combination'
  /** Meta/Super/Command/CommandOrControl/AltGr: not part of the allowed set */
  | 'unsupported-modifier';

/** The parts of a hotkey, as a key-capture field in the settings produces them. */
export interface HotkeyParts {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  /** Windows/Super/Command key: never allowed */
  meta: boolean;
  /** Electron key name: "A"–"Z", "0"–"9", "F1"–"F24", "Space"… (case-insensitive) */
  key: string;
}

/** A valid dial hotkey. */
export interface ValidHotkey {
  ok: true;
  /** Electron accelerator for globalShortcut.register: "F9", "Control+Alt+D", "Control+Shift+5" */
  accelerator: string;
  /** what the UI shows: "Ctrl+Alt+D" (Windows/Linux), "⌃⌥D" (macOS) */
  label: string;
}

export interface HotkeyRefusal {
  ok: false;
  reason: HotkeyError;
  /** English text; the UI uses `hotkey.error.<reason>` */
  message: string;
}

export type HotkeyValidation = ValidHotkey | HotkeyRefusal;

/** Letters Ctrl+letter may not use (copy, paste, undo, reload, select all, cut). */
export const RESERVED_CTRL_KEYS: readonly string[] = ['C', 'V', 'Z', 'R', 'A', 'X'];

/** Key names Electron accelerators accept that are not letters, digits or F-keys (for `key-not-allowed`). */
const OTHER_KNOWN_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
  ')',
  '!',
  '@',
  '#',
  '$',
  '%',
  '^',
  '&',
  '*',
  '(',
  ':',
  ';',
  '<',
  '=',
  '>',
  '?',
  '_',
  '-',
  '~',
  '{',
  '}',
  '|',
  '"',
  "'",
  ',',
  '.',
  '/',
  '`',
  '[',
  ']',
  '\\',
  ...Array.from({ length: 10 }, (_, i) => `num${i}`),
]);

/** Modifier names in accelerator strings, case-insensitive. */
const MODIFIERS: Record<string, 'ctrl' | 'alt' | 'shift' | 'meta' | 'unsupported'> = {
  ctrl: 'ctrl',
  control: 'ctrl',
  alt: 'alt',
  option: 'alt',
  shift: 'shift',
  meta: 'meta',
  super: 'meta',
  cmd: 'meta',
  command: 'meta',
  // CommandOrControl means Cmd on macOS: we use the physical Control key everywhere (see below).
  cmdorctrl: 'unsupported',
  commandorcontrol: 'unsupported',
  altgr: 'unsupported',
};

/**
 * Validates a dial hotkey given as an accelerator string ("Ctrl+Shift+D",
 * "control+alt+5", "F9"; modifiers in any order, case-insensitive).
 *
 * The accelerator always uses **`Control`**, never `CommandOrControl`: the same
 * physical Ctrl key on Windows, Linux and macOS. On macOS Command shortcuts belong
 * to the applications the user selects text in (Cmd+D, Cmd+Shift+5…), Control
 * combinations are mostly free, and the reserved list of SPEC G2 (Ctrl+C, V, Z, R,
 * A, X) keeps its meaning; a stored setting also means the same keys on every machine.
 */
export function validateAccelerator(input: unknown, platform: string): HotkeyValidation {
  if (typeof input !== 'string' || input.trim() === '') return refuse('empty');
  if (input.length > 64) return refuse('malformed');
  const tokens = input.split('+').map((token) => token.trim());
  // "Ctrl+Plus" is the plus key; a literal "+" would split into empty tokens.
  if (tokens.some((token) => token === '')) return refuse('malformed');
  const key = tokens.pop() as string;
  const parts: HotkeyParts = { ctrl: false, alt: false, shift: false, meta: false, key };
  for (const token of tokens) {
    const modifier = MODIFIERS[token.toLowerCase()];
    if (modifier === undefined) {
      return refuse(isKnownKey(token) ? 'malformed' : 'unknown-key', `"${token.slice(0, 20)}" is not a modifier.`);
    }
    if (modifier === 'unsupported') return refuse('unsupported-modifier');
    if (parts[modifier]) return refuse('malformed', `${token} appears twice.`);
    parts[modifier] = true;
  }
  if (MODIFIERS[key.toLowerCase()] !== undefined)
    return refuse('malformed', 'The combination needs a key after the modifiers.');
  return validateHotkeyParts(parts, platform);
}

/** Same rules for a key-capture field's parts (SPEC G2). */
export function validateHotkeyParts(parts: HotkeyParts, platform: string): HotkeyValidation {
  const key = normalizeKey(parts.key);
  if (key === undefined) return refuse(isKnownKey(parts.key) ? 'key-not-allowed' : 'unknown-key');
  if (parts.meta) return refuse('unsupported-modifier');
  const modifierCount = Number(parts.ctrl) + Number(parts.alt) + Number(parts.shift);

  if (key.length > 1) {
    // F1–F24 (normalizeKey lets nothing else through with more than one character)
    const n = Number(key.slice(1));
    if (n === 1 || n === 2) return refuse('reserved-function-key');
    if (n > 12) return refuse('key-not-allowed');
    if (modifierCount > 0) return refuse('function-key-with-modifier');
    return valid([], key, platform);
  }

  // key is a letter or a digit from here on
  if (modifierCount === 0) return refuse('bare-key');
  if (modifierCount > 2) return refuse('too-many-modifiers');
  if (!parts.ctrl) {
    if (modifierCount === 2) return refuse('ctrl-required');
    return refuse(parts.shift ? 'shift-only' : 'alt-only');
  }
  if (modifierCount === 1) {
    if (RESERVED_CTRL_KEYS.includes(key)) return refuse('reserved-combination', `Ctrl+${key} is reserved for editing.`);
    return valid(['ctrl'], key, platform);
  }
  return valid(['ctrl', parts.alt ? 'alt' : 'shift'], key, platform);
}

/** "a" → "A", "f5" → "F5", "7" → "7"; undefined for anything not a letter, digit or F1–F24. */
function normalizeKey(raw: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  if (/^[A-Za-z0-9]$/.test(raw)) return raw.toUpperCase();
  const f = /^[Ff]([1-9]|1[0-9]|2[0-4])$/.exec(raw);
  return f === null ? undefined : `F${f[1]}`;
}

function isKnownKey(raw: string): boolean {
  return typeof raw === 'string' && (normalizeKey(raw) !== undefined || OTHER_KNOWN_KEYS.has(raw.toLowerCase()));
}

function valid(modifiers: Array<'ctrl' | 'alt' | 'shift'>, key: string, platform: string): ValidHotkey {
  const accelerator = [...modifiers.map((m) => ACCELERATOR_NAME[m]), key].join('+');
  const label =
    platform === 'darwin'
      ? modifiers.map((m) => MAC_SYMBOL[m]).join('') + key
      : [...modifiers.map((m) => PC_LABEL[m]), key].join('+');
  return { ok: true, accelerator, label };
}

const ACCELERATOR_NAME = { ctrl: 'Control', alt: 'Alt', shift: 'Shift' } as const;
const PC_LABEL = { ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift' } as const;
/** macOS menu glyphs, in Apple's order ⌃⌥⇧ (Control, Option, Shift). */
const MAC_SYMBOL = { ctrl: '⌃', alt: '⌥', shift: '⇧' } as const;

function refuse(reason: HotkeyError, message = hotkeyMessageFor(reason)): HotkeyRefusal {
  return { ok: false, reason, message };
}

/** English text of each reason (the renderer has `hotkey.error.<reason>` in EN and FR). */
export function hotkeyMessageFor(reason: HotkeyError): string {
  switch (reason) {
    case 'empty':
      return 'Press a key combination.';
    case 'malformed':
      return 'This is not a valid key combination.';
    case 'unknown-key':
      return 'This key is not known.';
    case 'key-not-allowed':
      return 'Use a letter, a digit or F3–F12.';
    case 'reserved-function-key':
      return 'F1 and F2 are reserved; use F3–F12.';
    case 'function-key-with-modifier':
      return 'F3–F12 must be used without Ctrl, Alt or Shift.';
    case 'bare-key':
      return 'A letter or digit alone would fire while typing; add Ctrl.';
    case 'shift-only':
      return 'Shift with a key types a character; use Ctrl+Shift.';
    case 'alt-only':
      return 'Alt with a key opens menus; use Ctrl+Alt.';
    case 'ctrl-required':
      return 'Combinations of two modifiers must include Ctrl.';
    case 'too-many-modifiers':
      return 'Use at most two modifiers.';
    case 'reserved-combination':
      return 'Ctrl+C, V, Z, R, A and X are reserved for editing.';
    case 'unsupported-modifier':
      return 'Only Ctrl, Alt and Shift can be used as modifiers.';
    default:
      return assertNever(reason, 'Unknown hotkey error');
  }
}

/** Every reason, e.g. to check that each has an i18n key. */
export const HOTKEY_ERRORS: readonly HotkeyError[] = [
  'empty',
  'malformed',
  'unknown-key',
  'key-not-allowed',
  'reserved-function-key',
  'function-key-with-modifier',
  'bare-key',
  'shift-only',
  'alt-only',
  'ctrl-required',
  'too-many-modifiers',
  'reserved-combination',
  'unsupported-modifier',
];
