import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createCopySelectionReader,
  createPrimarySelectionReader,
  readPrimaryWithXclip,
  SelectionUnavailableError,
  type ClipboardLike,
  type ExecFileLike,
} from '../../../src-main/shell/selection-reader';

/** Fake clipboard: text plus an "other formats" payload, like an image the user had copied. */
class FakeClipboard implements ClipboardLike {
  text = 'what the user had copied';
  image: string | undefined = 'png-bytes';
  writes: string[] = [];
  async readText(): Promise<string> {
    return this.text;
  }
  async writeText(text: string): Promise<void> {
    this.writes.push(text);
    this.text = text;
    this.image = undefined;
  }
  async snapshot(): Promise<unknown> {
    return { text: this.text, image: this.image };
  }
  async restore(snapshot: unknown): Promise<void> {
    const s = snapshot as { text: string; image: string | undefined };
    this.text = s.text;
    this.image = s.image;
  }
}

describe('createCopySelectionReader (Windows/macOS)', () => {
  let clipboard: FakeClipboard;
  let slept: number;
  const sleep = async (ms: number): Promise<void> => {
    slept += ms;
  };

  beforeEach(() => {
    clipboard = new FakeClipboard();
    slept = 0;
  });
  afterEach(() => vi.restoreAllMocks());

  /** The focused app copies `selection` after `delayMs` (measured on the fake sleep). */
  function appWithSelection(selection: string | undefined, delayMs = 0) {
    return {
      sendCopy: async () => {
        if (selection === undefined) return;
        const at = slept + delayMs;
        const original = clipboard.readText.bind(clipboard);
        clipboard.readText = async () => {
          if (slept >= at) clipboard.text = selection;
          return original();
        };
      },
    };
  }

  it('copies, reads and restores the clipboard (all formats)', async () => {
    const reader = createCopySelectionReader({
      platform: 'win32',
      clipboard,
      keys: appWithSelection('+33 1 23 45 67 89', 60),
      sleep,
    });
    expect(await reader.read()).toEqual({ ok: true, text: '+33 1 23 45 67 89' });
    expect(clipboard.text).toBe('what the user had copied');
    expect(clipboard.image).toBe('png-bytes');
    expect(slept).toBeGreaterThanOrEqual(60);
    expect(slept).toBeLessThanOrEqual(200);
  });

  it('returns an empty selection — never the old clipboard — when nothing was copied', async () => {
    const reader = createCopySelectionReader({
      platform: 'win32',
      clipboard,
      keys: appWithSelection(undefined),
      sleep,
    });
    expect(await reader.read()).toEqual({ ok: true, text: '' });
    expect(slept).toBe(200);
    expect(clipboard.text).toBe('what the user had copied');
  });

  it('macOS: explains the Accessibility permission instead of copying', async () => {
    const sendCopy = vi.fn(async () => undefined);
    const reader = createCopySelectionReader({
      platform: 'darwin',
      clipboard,
      keys: { sendCopy },
      isAccessibilityTrusted: () => false,
      sleep,
    });
    expect(await reader.read()).toMatchObject({ ok: false, reason: 'accessibility-required' });
    expect(sendCopy).not.toHaveBeenCalled();
    expect(clipboard.writes).toEqual([]);
  });

  it('macOS with the permission copies', async () => {
    const reader = createCopySelectionReader({
      platform: 'darwin',
      clipboard,
      keys: appWithSelection('101'),
      isAccessibilityTrusted: () => true,
      sleep,
    });
    expect(await reader.read()).toEqual({ ok: true, text: '101' });
  });

  it('restores the clipboard when the key sender fails', async () => {
    const reader = createCopySelectionReader({
      platform: 'win32',
      clipboard,
      keys: {
        sendCopy: async () => {
          throw new Error('no input injection');
        },
      },
      sleep,
    });
    expect(await reader.read()).toMatchObject({ ok: false, reason: 'read-failed' });
    expect(clipboard.text).toBe('what the user had copied');
  });

  it('refuses a concurrent read (would save the marker as the user clipboard)', async () => {
    let resolveCopy: () => void = () => undefined;
    const reader = createCopySelectionReader({
      platform: 'win32',
      clipboard,
      keys: { sendCopy: () => new Promise<void>((resolve) => (resolveCopy = resolve)) },
      sleep,
    });
    const first = reader.read();
    await Promise.resolve();
    await Promise.resolve();
    expect(await reader.read()).toMatchObject({ ok: false, reason: 'read-failed' });
    resolveCopy();
    await first;
    expect(clipboard.text).toBe('what the user had copied');
  });
});

describe('createPrimarySelectionReader (Linux)', () => {
  it('reads the PRIMARY selection', async () => {
    expect(await createPrimarySelectionReader(async () => '0612345678').read()).toEqual({
      ok: true,
      text: '0612345678',
    });
  });

  it('maps an unavailable source and failures', async () => {
    const unavailable = createPrimarySelectionReader(async () => {
      throw new SelectionUnavailableError('xclip is not installed');
    });
    expect(await unavailable.read()).toMatchObject({ ok: false, reason: 'unavailable' });
    const failing = createPrimarySelectionReader(async () => {
      throw new Error('boom');
    });
    expect(await failing.read()).toMatchObject({ ok: false, reason: 'read-failed' });
  });
});

describe('readPrimaryWithXclip', () => {
  function fakeExec(result: { error?: Error & { code?: unknown }; stdout?: string; stderr?: string }) {
    const calls: Array<{ file: string; args: readonly string[] }> = [];
    const exec: ExecFileLike = (file, args, _options, callback) => {
      calls.push({ file, args });
      callback(result.error ?? null, result.stdout ?? '', result.stderr ?? '');
    };
    return { exec, calls };
  }

  it('runs xclip with fixed arguments and no shell', async () => {
    const { exec, calls } = fakeExec({ stdout: '+49 89 1234' });
    expect(await readPrimaryWithXclip({ execFile: exec })).toBe('+49 89 1234');
    expect(calls).toEqual([{ file: 'xclip', args: ['-o', '-selection', 'primary'] }]);
  });

  it('an empty selection is empty text, a missing binary is "unavailable"', async () => {
    const empty = fakeExec({
      error: Object.assign(new Error('exit 1'), { code: 1 }),
      stderr: 'Error: target STRING not available',
    });
    expect(await readPrimaryWithXclip({ execFile: empty.exec })).toBe('');
    const missing = fakeExec({ error: Object.assign(new Error('spawn xclip ENOENT'), { code: 'ENOENT' }) });
    await expect(readPrimaryWithXclip({ execFile: missing.exec })).rejects.toBeInstanceOf(SelectionUnavailableError);
    const noDisplay = fakeExec({
      error: Object.assign(new Error('exit 1'), { code: 1 }),
      stderr: "Error: Can't open display: :99",
    });
    await expect(readPrimaryWithXclip({ execFile: noDisplay.exec })).rejects.toBeInstanceOf(SelectionUnavailableError);
    const other = fakeExec({ error: Object.assign(new Error('killed'), { code: null }), stderr: '' });
    await expect(readPrimaryWithXclip({ execFile: other.exec })).rejects.toThrow(/xclip failed/);
  });
});
