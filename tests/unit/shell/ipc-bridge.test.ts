import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, IPC_EVENT, IPC_INVOKE } from '../../../src-preload/contract/ipc-contract';
import { UcError } from '../../../src-main/core/platform/ipc/uc-error';
import {
  installIpcBridge,
  isTrustedSender,
  type IpcEventLike,
  type IpcMainHandleLike,
  type SendTargetLike,
} from '../../../src-main/shell/ipc-bridge';
import { FakeBackend } from './fake-backend';

const INDEX = 'file:///app/out/renderer/index.html';
const isIndexUrl = (url: string): boolean => url.split('#')[0] === INDEX;

class FakeIpcMain implements IpcMainHandleLike {
  readonly handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke(channel, ...args)` from `event` would get. */
  invoke(channel: string, event: IpcEventLike, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
}

class FakeContents implements SendTargetLike {
  readonly sent: unknown[][] = [];
  destroyed = false;
  constructor(readonly id: number) {}
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const fromMain = (url = INDEX, id = 1, parent: unknown = null): IpcEventLike => ({
  sender: { id },
  senderFrame: { url, parent },
});

function setup() {
  const ipcMain = new FakeIpcMain();
  const main = new FakeContents(1);
  const backend = new FakeBackend({
    'settings.get': () => ({ ...DEFAULT_SETTINGS, language: 'en' }),
    'calls.dial': ({ target }) => {
      if (target === '') throw new UcError('invalid-number', 'empty number');
      return { callId: `call-${target}` };
    },
  });
  const logs: string[] = [];
  const dispose = installIpcBridge({
    ipcMain,
    backend,
    mainContents: () => main,
    isIndexUrl,
    log: (m) => logs.push(m),
  });
  return { ipcMain, main, backend, logs, dispose };
}

describe('isTrustedSender', () => {
  const main = { id: 1 };
  it('accepts the top frame of the main window showing index.html', () => {
    expect(isTrustedSender(fromMain(), main, isIndexUrl)).toBe(true);
    expect(isTrustedSender(fromMain(`${INDEX}#/calls`), main, isIndexUrl)).toBe(true);
  });
  it('refuses another WebContents, a subframe, another URL, a destroyed frame, or no main window', () => {
    expect(isTrustedSender(fromMain(INDEX, 2), main, isIndexUrl)).toBe(false);
    expect(isTrustedSender(fromMain(INDEX, 1, { url: INDEX }), main, isIndexUrl)).toBe(false);
    expect(isTrustedSender(fromMain('https://evil.example/index.html'), main, isIndexUrl)).toBe(false);
    expect(isTrustedSender(fromMain('file:///app/out/renderer/media.html'), main, isIndexUrl)).toBe(false);
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: null }, main, isIndexUrl)).toBe(false);
    expect(isTrustedSender(fromMain(), undefined, isIndexUrl)).toBe(false);
  });
});

describe('installIpcBridge', () => {
  it('dispatches a valid invoke from the main window to the backend', async () => {
    const { ipcMain, backend } = setup();
    await expect(ipcMain.invoke(IPC_INVOKE, fromMain(), 'calls.dial', { target: '102' })).resolves.toEqual({
      ok: true,
      value: { callId: 'call-102' },
    });
    expect(backend.calls).toEqual([{ channel: 'calls.dial', payload: { target: '102' } }]);
  });

  it('refuses a foreign sender with forbidden-sender and never reaches the backend', async () => {
    const { ipcMain, backend, logs } = setup();
    for (const event of [fromMain(INDEX, 7), fromMain('https://evil.example/'), fromMain(INDEX, 1, {})]) {
      const result = (await ipcMain.invoke(IPC_INVOKE, event, 'calls.dial', { target: '102' })) as {
        ok: boolean;
        error?: { code: string };
      };
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('forbidden-sender');
    }
    expect(backend.calls).toEqual([]);
    expect(logs).toHaveLength(3);
  });

  it('turns bad channels, bad payloads and handler errors into error results', async () => {
    const { ipcMain, backend } = setup();
    await expect(ipcMain.invoke(IPC_INVOKE, fromMain(), 'fs.readFile', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    await expect(ipcMain.invoke(IPC_INVOKE, fromMain(), 'calls.dial', { target: 5 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    await expect(
      ipcMain.invoke(IPC_INVOKE, fromMain(), 'calls.dial', { target: '1', extra: true }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    await expect(ipcMain.invoke(IPC_INVOKE, fromMain(), 'calls.dial', { target: '' })).resolves.toEqual({
      ok: false,
      error: { code: 'invalid-number', message: 'empty number' },
    });
    expect(backend.calls.map((c) => c.channel)).toEqual(['calls.dial']);
  });

  it('forwards backend events to the main window only while it exists', () => {
    const { main, backend } = setup();
    backend.emit('settings.onDidChange', { ...DEFAULT_SETTINGS, language: 'fr' });
    expect(main.sent).toEqual([[IPC_EVENT, 'settings.onDidChange', { ...DEFAULT_SETTINGS, language: 'fr' }]]);
    main.destroyed = true;
    backend.emit('journal.onDidChange', {});
    expect(main.sent).toHaveLength(1);
  });

  it('uninstalls the handler and the event subscription', () => {
    const { ipcMain, backend, dispose } = setup();
    expect(ipcMain.handlers.has(IPC_INVOKE)).toBe(true);
    expect(backend.listeners.size).toBe(1);
    dispose();
    expect(ipcMain.handlers.has(IPC_INVOKE)).toBe(false);
    expect(backend.listeners.size).toBe(0);
  });
});

describe('installIpcBridge with the call popup window', () => {
  function setupWithPopup(popupAlive = true) {
    const ipcMain = new FakeIpcMain();
    const main = new FakeContents(1);
    const popup = new FakeContents(7);
    const backend = new FakeBackend({ 'calls.dial': ({ target }) => ({ callId: `call-${target}` }) });
    installIpcBridge({
      ipcMain,
      backend,
      mainContents: () => main,
      popupContents: () => (popupAlive ? popup : undefined),
      isIndexUrl,
      log: () => undefined,
    });
    return { ipcMain, main, popup, backend };
  }

  it('accepts invokes from the popup window top frame showing index.html#popup', async () => {
    const { ipcMain } = setupWithPopup();
    expect(await ipcMain.invoke(IPC_INVOKE, fromMain(`${INDEX}#popup`, 7), 'calls.dial', { target: '101' })).toEqual({
      ok: true,
      value: { callId: 'call-101' },
    });
  });

  it('still refuses other senders, a popup subframe or another page in the popup', async () => {
    const { ipcMain } = setupWithPopup();
    for (const event of [
      fromMain(INDEX, 8),
      fromMain(INDEX, 7, { url: INDEX }),
      fromMain('https://evil.example/#popup', 7),
    ]) {
      expect(await ipcMain.invoke(IPC_INVOKE, event, 'calls.dial', { target: '101' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    const gone = setupWithPopup(false);
    expect(await gone.ipcMain.invoke(IPC_INVOKE, fromMain(INDEX, 7), 'calls.dial', { target: '1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('sends events to both windows', () => {
    const { main, popup, backend } = setupWithPopup();
    backend.emit('popup.onDidChange', { visible: true, callId: 'c1' });
    expect(main.sent).toEqual([[IPC_EVENT, 'popup.onDidChange', { visible: true, callId: 'c1' }]]);
    expect(popup.sent).toEqual(main.sent);
  });
});
