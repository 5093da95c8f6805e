/**
 * The dial-hotkey capture field (SPEC G2): turns a keydown into an Electron
 * accelerator ("F9", "Control+Alt+D"). The engine validates it
 * (settings.update → 'invalid-hotkey' with the reason); the field only
 * builds the string, so every rule lives in one place.
 */

/** The parts of a KeyboardEvent the capture needs (tests pass plain objects). */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export type CaptureResult =
  /** only modifiers held so far: keep waiting */
  | { kind: 'pending' }
  /** Escape/Tab alone: leave the field alone (keyboard navigation) */
  | { kind: 'ignore' }
  /** Backspace/Delete alone: clear the hotkey */
  | { kind: 'clear' }
  | { kind: 'accelerator'; accelerator: string };

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS']);

/** Key name from the physical key (layout-independent: Ctrl+Alt+D stays D on AZERTY). */
function keyName(ev: KeyLike): string {
  const letter = /^Key([A-Z])$/.exec(ev.code);
  if (letter) return letter[1] as string;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(ev.code);
  if (digit) return digit[1] as string;
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(ev.key)) return ev.key;
  if (ev.key === ' ') return 'Space';
  return ev.key.length === 1 ? ev.key.toUpperCase() : ev.key;
}

export function captureHotkey(ev: KeyLike): CaptureResult {
  if (MODIFIER_KEYS.has(ev.key)) return { kind: 'pending' };
  const plain = !ev.ctrlKey && !ev.altKey && !ev.metaKey && !ev.shiftKey;
  if (plain && (ev.key === 'Tab' || ev.key === 'Escape')) return { kind: 'ignore' };
  if (ev.key === 'Tab' && ev.shiftKey && !ev.ctrlKey && !ev.altKey && !ev.metaKey) return { kind: 'ignore' };
  if (plain && (ev.key === 'Backspace' || ev.key === 'Delete')) return { kind: 'clear' };
  const parts: string[] = [];
  if (ev.ctrlKey) parts.push('Control');
  if (ev.altKey) parts.push('Alt');
  if (ev.shiftKey) parts.push('Shift');
  if (ev.metaKey) parts.push('Meta');
  parts.push(keyName(ev));
  return { kind: 'accelerator', accelerator: parts.join('+') };
}

/** "Control+Alt+D" → ["ctrl", "alt", "D"]: modifier tokens the UI translates, then the key. */
export function acceleratorParts(accelerator: string): string[] {
  return accelerator.split('+').map((part) => {
    const lower = part.toLowerCase();
    if (lower === 'control' || lower === 'ctrl') return 'ctrl';
    if (lower === 'alt') return 'alt';
    if (lower === 'shift') return 'shift';
    return part;
  });
}
