import { describe, expect, it } from 'vitest';
import {
  COPY_KEY_SENDER,
  COPY_UNAVAILABLE_STATUS,
  hotkeyPressView,
  hotkeyStatusView,
  selectionReaderFor,
} from '../../../src-main/shell/hotkey-wiring';
import type { ClipboardLike } from '../../../src-main/shell/selection-reader';

class FakeClipboard implements ClipboardLike {
  text = 'before';
  async readText(): Promise<string> {
    return this.text;
  }
  async writeText(text: string): Promise<void> {
    this.text = text;
  }
  async snapshot(): Promise<unknown> {
    return this.text;
  }
  async restore(snapshot: unknown): Promise<void> {
    this.text = String(snapshot);
  }
}

describe('selectionReaderFor', () => {
  it('Linux reads the PRIMARY selection', async () => {
    const reader = selectionReaderFor({ platform: 'linux', readPrimary: async () => '+33 1 23 45 67 89' });
    expect(await reader!.read()).toEqual({ ok: true, text: '+33 1 23 45 67 89' });
  });

  it('Windows / macOS have no reader until a key sender exists (copy-unavailable)', () => {
    expect(COPY_KEY_SENDER).toBeUndefined();
    for (const platform of ['win32', 'darwin']) {
      expect(selectionReaderFor({ platform, clipboard: new FakeClipboard() })).toBeUndefined();
    }
    expect(COPY_UNAVAILABLE_STATUS).toMatchObject({ status: 'invalid', reason: 'copy-unavailable' });
  });

  it('Windows with a key sender: copy, read, restore the clipboard', async () => {
    const clipboard = new FakeClipboard();
    const reader = selectionReaderFor({
      platform: 'win32',
      clipboard,
      keys: { sendCopy: async () => void (clipboard.text = '0612345678') },
    });
    expect(await reader!.read()).toEqual({ ok: true, text: '0612345678' });
    expect(clipboard.text).toBe('before');
  });

  it('Linux without a primary source: no reader', () => {
    expect(selectionReaderFor({ platform: 'linux' })).toBeUndefined();
  });
});

describe('hotkeyStatusView / hotkeyPressView', () => {
  it('maps every registration state', () => {
    expect(hotkeyStatusView({ state: 'off' })).toEqual({ status: 'off' });
    expect(hotkeyStatusView({ state: 'disposed' })).toEqual({ status: 'off' });
    expect(hotkeyStatusView({ state: 'registered', accelerator: 'Control+Alt+D', label: 'Ctrl+Alt+D' })).toEqual({
      status: 'registered',
      label: 'Ctrl+Alt+D',
    });
    expect(hotkeyStatusView({ state: 'invalid', reason: 'bare-key', message: 'm' })).toEqual({
      status: 'invalid',
      reason: 'bare-key',
      message: 'm',
    });
    expect(hotkeyStatusView({ state: 'taken', accelerator: 'F9', label: 'F9', message: 'taken' })).toEqual({
      status: 'taken',
      label: 'F9',
      message: 'taken',
    });
  });

  it('maps every press outcome', () => {
    expect(hotkeyPressView({ kind: 'dialed', number: '+331', display: '+33 1', callId: 'c' })).toEqual({
      outcome: 'dialed',
      number: '+331',
      display: '+33 1',
      callId: 'c',
    });
    expect(hotkeyPressView({ kind: 'no-number', reason: 'no-number', message: 'm' })).toEqual({
      outcome: 'no-number',
      reason: 'no-number',
      message: 'm',
    });
    expect(hotkeyPressView({ kind: 'selection-failed', reason: 'unavailable', message: 'm' })).toMatchObject({
      outcome: 'selection-failed',
      reason: 'unavailable',
    });
    expect(
      hotkeyPressView({ kind: 'dial-failed', number: '1', display: '1', message: 'x', code: 'not-registered' }),
    ).toMatchObject({ outcome: 'dial-failed', reason: 'not-registered' });
    expect(hotkeyPressView({ kind: 'dial-failed', number: '1', display: '1', message: 'x' }).reason).toBe('internal');
    expect(hotkeyPressView({ kind: 'busy' })).toEqual({ outcome: 'busy' });
  });
});
