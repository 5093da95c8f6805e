import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createHotkeyDialer,
  DialHotkey,
  HOTKEY_TAKEN_MESSAGE,
  type DialHotkeyStatus,
  type GlobalShortcutLike,
  type HotkeyPressOutcome,
} from '../../../src-main/shell/dial-hotkey';
import type { SelectionReadResult } from '../../../src-main/shell/selection-reader';

/** Fake globalShortcut: one owner per accelerator; "other apps" own some keys. */
class FakeGlobalShortcut implements GlobalShortcutLike {
  readonly ours = new Map<string, () => void>();
  readonly ownedByOthers = new Set<string>();
  register(accelerator: string, callback: () => void): boolean {
    if (this.ownedByOthers.has(accelerator) || this.ours.has(accelerator)) return false;
    this.ours.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.ours.delete(accelerator);
  }
  press(accelerator: string): void {
    this.ours.get(accelerator)?.();
  }
}

describe('DialHotkey registration', () => {
  let shortcuts: FakeGlobalShortcut;
  let presses: number;
  let statuses: DialHotkeyStatus[];
  let hotkey: DialHotkey;

  beforeEach(() => {
    shortcuts = new FakeGlobalShortcut();
    presses = 0;
    statuses = [];
    hotkey = new DialHotkey({
      globalShortcut: shortcuts,
      platform: 'linux',
      onPress: () => presses++,
      onDidChangeStatus: (s) => statuses.push(s),
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('registers a valid hotkey and calls onPress on each press', () => {
    expect(hotkey.apply('Ctrl+Alt+D')).toEqual({
      state: 'registered',
      accelerator: 'Control+Alt+D',
      label: 'Ctrl+Alt+D',
    });
    shortcuts.press('Control+Alt+D');
    shortcuts.press('Control+Alt+D');
    expect(presses).toBe(2);
  });

  it('reports a key another application owns', () => {
    shortcuts.ownedByOthers.add('F9');
    expect(hotkey.apply('F9')).toEqual({
      state: 'taken',
      accelerator: 'F9',
      label: 'F9',
      message: HOTKEY_TAKEN_MESSAGE,
    });
    expect(shortcuts.ours.size).toBe(0);
  });

  it('refuses invalid settings with the reason and registers nothing', () => {
    expect(hotkey.apply('Ctrl+C')).toMatchObject({ state: 'invalid', reason: 'reserved-combination' });
    expect(hotkey.apply('F1')).toMatchObject({ state: 'invalid', reason: 'reserved-function-key' });
    expect(shortcuts.ours.size).toBe(0);
  });

  it('re-registers on settings change, keeps one registration, and turns off', () => {
    hotkey.apply('F9');
    hotkey.apply('Ctrl+Shift+5');
    expect([...shortcuts.ours.keys()]).toEqual(['Control+Shift+5']);
    // Same key again: no unregister/register churn, no status event.
    const before = statuses.length;
    hotkey.apply('ctrl+shift+5');
    expect(statuses.length).toBe(before);
    // Invalid new value: the old key is released (the setting no longer names it).
    hotkey.apply('Shift+D');
    expect(shortcuts.ours.size).toBe(0);
    hotkey.apply('F4');
    hotkey.apply(null);
    expect(shortcuts.ours.size).toBe(0);
    expect(hotkey.status).toEqual({ state: 'off' });
  });

  it('a failed re-registration leaves nothing registered and says so', () => {
    hotkey.apply('F9');
    shortcuts.ownedByOthers.add('F10');
    expect(hotkey.apply('F10').state).toBe('taken');
    expect(shortcuts.ours.size).toBe(0);
  });

  it('treats a throwing register as taken', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const throwing = new DialHotkey({
      globalShortcut: {
        register: () => {
          throw new Error('bad accelerator');
        },
        unregister: () => undefined,
      },
      platform: 'win32',
      onPress: () => undefined,
    });
    expect(throwing.apply('F5').state).toBe('taken');
  });

  it('unregisters on dispose (quit) and refuses to apply afterwards', () => {
    hotkey.apply('F9');
    hotkey.dispose();
    hotkey.dispose();
    expect(shortcuts.ours.size).toBe(0);
    expect(hotkey.status).toEqual({ state: 'disposed' });
    expect(() => hotkey.apply('F9')).toThrow(/disposed/);
  });
});

describe('createHotkeyDialer', () => {
  function dialer(read: () => Promise<SelectionReadResult>, dial = vi.fn(async () => ({ callId: 'c1' }))) {
    const outcomes: HotkeyPressOutcome[] = [];
    const press = createHotkeyDialer({ reader: { read }, dial, onDidHandlePress: (o) => outcomes.push(o) });
    return { press, dial, outcomes };
  }

  it('reads the selection, normalizes it and dials', async () => {
    const { press, dial, outcomes } = dialer(async () => ({ ok: true, text: 'Tel.: +49 (89) 7007-98765' }));
    expect(await press()).toEqual({
      kind: 'dialed',
      number: '+4989700798765',
      display: '+49 89 700798765',
      callId: 'c1',
    });
    expect(dial).toHaveBeenCalledWith('+4989700798765');
    expect(outcomes).toHaveLength(1);
  });

  it('uses the region from the settings', async () => {
    const dial = vi.fn(async () => ({ callId: 'c2' }));
    const press = createHotkeyDialer({
      reader: { read: async () => ({ ok: true, text: '01 23 45 67 89' }) },
      dial,
      numberOptions: () => ({ defaultRegion: 'FR' }),
    });
    await press();
    expect(dial).toHaveBeenCalledWith('+33123456789');
  });

  it('says why when there is no number, and does not dial', async () => {
    const { press, dial } = dialer(async () => ({ ok: true, text: 'hello' }));
    expect(await press()).toMatchObject({ kind: 'no-number', reason: 'no-number' });
    expect(dial).not.toHaveBeenCalled();
  });

  it('passes selection failures on (macOS accessibility)', async () => {
    const { press, dial } = dialer(async () => ({ ok: false, reason: 'accessibility-required', message: 'allow it' }));
    expect(await press()).toEqual({ kind: 'selection-failed', reason: 'accessibility-required', message: 'allow it' });
    expect(dial).not.toHaveBeenCalled();
  });

  it('reports a refused dial with its error code', async () => {
    const error = Object.assign(new Error('not registered with the server'), { code: 'not-registered' });
    const { press } = dialer(
      async () => ({ ok: true, text: '101' }),
      vi.fn(async () => {
        throw error;
      }),
    );
    expect(await press()).toMatchObject({ kind: 'dial-failed', number: '101', code: 'not-registered' });
  });

  it('ignores a press while the previous one is still reading', async () => {
    let release: (r: SelectionReadResult) => void = () => undefined;
    const { press, dial } = dialer(() => new Promise((resolve) => (release = resolve)));
    const first = press();
    expect(await press()).toEqual({ kind: 'busy' });
    release({ ok: true, text: '101' });
    expect(await first).toMatchObject({ kind: 'dialed' });
    expect(dial).toHaveBeenCalledTimes(1);
  });
});
