import { describe, expect, it } from 'vitest';
import {
  HOTKEY_ERRORS,
  hotkeyMessageFor,
  validateAccelerator,
  validateHotkeyParts,
  type HotkeyError,
} from '../../../../src-main/core/features/desktop/hotkey/validate-accelerator';

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const DIGITS = [...'0123456789'];
const FKEYS = Array.from({ length: 24 }, (_, i) => `F${i + 1}`);

/** Every subset of the four modifiers, in a fixed order. */
const MODIFIER_SETS: Array<{ ctrl: boolean; alt: boolean; shift: boolean; meta: boolean }> = [];
for (let bits = 0; bits < 16; bits++) {
  MODIFIER_SETS.push({
    ctrl: (bits & 1) !== 0,
    alt: (bits & 2) !== 0,
    shift: (bits & 4) !== 0,
    meta: (bits & 8) !== 0,
  });
}

/**
 * SPEC G2 written as a decision table, independently of the implementation:
 * the allowed combinations are listed; everything else maps to its reason.
 */
function expected(key: string, m: (typeof MODIFIER_SETS)[number]): { accelerator: string } | HotkeyError {
  const name = [m.ctrl && 'Ctrl', m.alt && 'Alt', m.shift && 'Shift', m.meta && 'Meta'].filter(Boolean).join('+');
  const isF = key.startsWith('F') && key.length > 1;
  if (m.meta) return 'unsupported-modifier';
  if (isF) {
    if (key === 'F1' || key === 'F2') return 'reserved-function-key';
    if (Number(key.slice(1)) > 12) return 'key-not-allowed';
    return name === '' ? { accelerator: key } : 'function-key-with-modifier';
  }
  const allowed: Record<string, string> = { Ctrl: 'Control', 'Ctrl+Alt': 'Control+Alt', 'Ctrl+Shift': 'Control+Shift' };
  if (name === 'Ctrl' && 'CVZRAX'.includes(key)) return 'reserved-combination';
  if (allowed[name] !== undefined) return { accelerator: `${allowed[name]}+${key}` };
  const refusals: Record<string, HotkeyError> = {
    '': 'bare-key',
    Shift: 'shift-only',
    Alt: 'alt-only',
    'Alt+Shift': 'ctrl-required',
    'Ctrl+Alt+Shift': 'too-many-modifiers',
  };
  const reason = refusals[name];
  if (reason === undefined) throw new Error(`table incomplete for ${name}+${key}`);
  return reason;
}

describe('validateHotkeyParts — every key × every modifier set (SPEC G2)', () => {
  const cases = [...LETTERS, ...DIGITS, ...FKEYS].flatMap((key) => MODIFIER_SETS.map((m) => ({ key, m })));

  it(`covers ${cases.length} combinations`, () => {
    expect(cases.length).toBe((26 + 10 + 24) * 16);
    let allowed = 0;
    for (const { key, m } of cases) {
      const want = expected(key, m);
      const got = validateHotkeyParts({ ...m, key }, 'win32');
      const label = `${JSON.stringify(m)} ${key}`;
      if (typeof want === 'string') {
        expect(got, label).toMatchObject({ ok: false, reason: want });
      } else {
        allowed++;
        expect(got, label).toMatchObject({ ok: true, accelerator: want.accelerator });
        // Lower-case key names are the same key.
        expect(validateHotkeyParts({ ...m, key: key.toLowerCase() }, 'win32'), label).toEqual(got);
      }
    }
    // 10 F-keys + Ctrl (36 - 6 reserved) + Ctrl+Alt (36) + Ctrl+Shift (36)
    expect(allowed).toBe(10 + 30 + 36 + 36);
  });

  it('refuses every Ctrl+C, V, Z, R, A, X, and allows them with a second modifier', () => {
    for (const key of 'CVZRAX') {
      expect(validateAccelerator(`Ctrl+${key}`, 'linux')).toMatchObject({ ok: false, reason: 'reserved-combination' });
      expect(validateAccelerator(`Ctrl+Shift+${key}`, 'linux')).toMatchObject({ ok: true });
    }
  });
});

describe('validateAccelerator — strings', () => {
  it.each([
    ['F9', 'F9', 'F9', 'F9'],
    ['f3', 'F3', 'F3', 'F3'],
    ['Ctrl+D', 'Control+D', 'Ctrl+D', '⌃D'],
    ['control+alt+5', 'Control+Alt+5', 'Ctrl+Alt+5', '⌃⌥5'],
    ['Shift+Ctrl+k', 'Control+Shift+K', 'Ctrl+Shift+K', '⌃⇧K'],
    ['Option + Control + Q', 'Control+Alt+Q', 'Ctrl+Alt+Q', '⌃⌥Q'],
  ])('%s → %s', (input, accelerator, pcLabel, macLabel) => {
    expect(validateAccelerator(input, 'win32')).toEqual({ ok: true, accelerator, label: pcLabel });
    expect(validateAccelerator(input, 'darwin')).toEqual({ ok: true, accelerator, label: macLabel });
  });

  it.each<[unknown, HotkeyError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    [undefined, 'empty'],
    ['F1', 'reserved-function-key'],
    ['F2', 'reserved-function-key'],
    ['Ctrl+F5', 'function-key-with-modifier'],
    ['F13', 'key-not-allowed'],
    ['Shift+D', 'shift-only'],
    ['Alt+D', 'alt-only'],
    ['Alt+Shift+D', 'ctrl-required'],
    ['D', 'bare-key'],
    ['7', 'bare-key'],
    ['Ctrl+Alt+Shift+D', 'too-many-modifiers'],
    ['Ctrl+C', 'reserved-combination'],
    ['Ctrl+x', 'reserved-combination'],
    ['CommandOrControl+D', 'unsupported-modifier'],
    ['CmdOrCtrl+D', 'unsupported-modifier'],
    ['Super+D', 'unsupported-modifier'],
    ['Command+D', 'unsupported-modifier'],
    ['Ctrl+Space', 'key-not-allowed'],
    ['Ctrl+Plus', 'key-not-allowed'],
    ['Ctrl+num5', 'key-not-allowed'],
    ['Ctrl+Enter', 'key-not-allowed'],
    ['Ctrl+Foo', 'unknown-key'],
    ['Ctrl+é', 'unknown-key'],
    ['Hyper+D', 'unknown-key'],
    ['Ctrl++', 'malformed'],
    ['Ctrl+', 'malformed'],
    ['+D', 'malformed'],
    ['Ctrl+Ctrl+D', 'malformed'],
    ['Ctrl+Shift', 'malformed'],
    ['Ctrl+Space+D', 'malformed'],
    [`Ctrl+${'A'.repeat(80)}`, 'malformed'],
  ])('refuses %j (%s)', (input, reason) => {
    const result = validateAccelerator(input, 'linux');
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message).toMatch(/\.$/);
  });

  it('has an English message for every reason', () => {
    for (const reason of HOTKEY_ERRORS) expect(hotkeyMessageFor(reason).length).toBeGreaterThan(10);
    expect(new Set(HOTKEY_ERRORS).size).toBe(HOTKEY_ERRORS.length);
  });
});
