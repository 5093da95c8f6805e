import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  COPY_UNAVAILABLE_STATUS,
  electronClipboardAdapter,
  hotkeyPressView,
  hotkeyStatusView,
  selectionReaderFor,
  setUpSelectionReader,
} from '../../../src-main/shell/hotkey-wiring';
import type { CopyKeySenderLoad } from '../../../src-main/shell/nut-js-copy-key-sender';
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

  it('Windows / macOS have no reader without a key sender (copy-unavailable)', () => {
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

describe('setUpSelectionReader', () => {
  const copyInto = (clipboard: FakeClipboard, text: string): CopyKeySenderLoad => ({
    status: 'available',
    sender: { sendCopy: async () => void (clipboard.text = text) },
  });

  it('Windows / macOS: loads the key sender for the platform, and the reader copies with it', async () => {
    for (const platform of ['win32', 'darwin']) {
      const clipboard = new FakeClipboard();
      const asked: string[] = [];
      const setup = await setUpSelectionReader({
        platform,
        clipboard,
        isAccessibilityTrusted: () => true,
        loadKeys: async (forPlatform) => {
          asked.push(forPlatform);
          return copyInto(clipboard, '+33 6 12 34 56 78');
        },
      });
      expect(asked).toEqual([platform]);
      expect(setup.ok).toBe(true);
      if (setup.ok) expect(await setup.reader.read()).toEqual({ ok: true, text: '+33 6 12 34 56 78' });
      expect(clipboard.text).toBe('before');
    }
  });

  it('macOS still asks for the Accessibility permission before copying', async () => {
    const clipboard = new FakeClipboard();
    const setup = await setUpSelectionReader({
      platform: 'darwin',
      clipboard,
      isAccessibilityTrusted: () => false,
      loadKeys: async () => copyInto(clipboard, '1'),
    });
    expect(setup.ok && (await setup.reader.read())).toMatchObject({ ok: false, reason: 'accessibility-required' });
  });

  it('a key sender that cannot load gives invalid / copy-unavailable with its reason', async () => {
    const setup = await setUpSelectionReader({
      platform: 'win32',
      clipboard: new FakeClipboard(),
      loadKeys: async () => ({ status: 'unavailable', reason: 'load-failed', message: 'libnut.node: bad ELF' }),
    });
    expect(setup).toEqual({
      ok: false,
      status: {
        status: 'invalid',
        reason: 'copy-unavailable',
        message: expect.stringContaining('(load-failed): libnut.node: bad ELF'),
      },
    });
  });

  it('a loader that throws anyway is reported, not thrown', async () => {
    const setup = await setUpSelectionReader({
      platform: 'darwin',
      clipboard: new FakeClipboard(),
      loadKeys: async () => {
        throw new Error('boom');
      },
    });
    expect(setup).toMatchObject({
      ok: false,
      status: { reason: 'copy-unavailable', message: expect.stringContaining('boom') },
    });
  });

  it('Windows without a clipboard adapter never loads the key sender', async () => {
    let loads = 0;
    const setup = await setUpSelectionReader({
      platform: 'win32',
      loadKeys: async () => {
        loads++;
        return { status: 'unavailable', reason: 'not-installed', message: 'x' };
      },
    });
    expect(setup).toMatchObject({ ok: false, status: { status: 'invalid', reason: 'copy-unavailable' } });
    expect(loads).toBe(0);
  });

  it('Linux keeps the PRIMARY selection and never loads the key sender', async () => {
    let loads = 0;
    const loadKeys = async (): Promise<CopyKeySenderLoad> => {
      loads++;
      return { status: 'unavailable', reason: 'not-installed', message: 'x' };
    };
    const setup = await setUpSelectionReader({ platform: 'linux', readPrimary: async () => '0612345678', loadKeys });
    expect(setup.ok && (await setup.reader.read())).toEqual({ ok: true, text: '0612345678' });
    expect(await setUpSelectionReader({ platform: 'linux', loadKeys })).toMatchObject({
      ok: false,
      status: { reason: 'copy-unavailable' },
    });
    expect(loads).toBe(0);
  });

  it('the default loader loads the real optional package when it is installed, else says not installed', async () => {
    let installed = true;
    try {
      createRequire(import.meta.url).resolve('@nut-tree-fork/nut-js');
    } catch {
      installed = false;
    }
    // platform win32 on this machine: nut-js loads its own OS binary, no key is sent, no display opened.
    const setup = await setUpSelectionReader({ platform: 'win32', clipboard: new FakeClipboard() });
    if (installed) expect(setup.ok).toBe(true);
    else expect(setup).toMatchObject({ ok: false, status: { message: expect.stringContaining('not-installed') } });
  });
});

describe('electronClipboardAdapter', () => {
  it('snapshots with read() and restores with write(), text through readText/writeText', async () => {
    const items = [{ type: 'text/plain', data: 'x' }];
    const written: unknown[] = [];
    let text = 'a';
    const adapter = electronClipboardAdapter({
      readText: async () => text,
      writeText: async (value) => void (text = value),
      read: async () => items,
      write: async (data) => void written.push(data),
    });
    expect(await adapter.snapshot()).toBe(items);
    await adapter.writeText('b');
    expect(await adapter.readText()).toBe('b');
    await adapter.restore(items);
    expect(written).toEqual([items]);
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
