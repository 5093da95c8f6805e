/**
 * The desktop-integration contract additions (issue 4) through the web shell
 * with the real AppCore: OS links reach the page as a question, window
 * commands are accepted (zoom/view are settings), counters and popup state.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  WEB_SHELL_KEY_PROTOCOL_PREFIX,
  WEB_SHELL_PROTOCOL,
  WEB_SHELL_WS_PATH,
  type ShellFrame,
} from '../../../src-preload/contract/web-protocol';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { startWebShell, type WebShell } from '../../../src-main/web-shell/web-shell-server';

let dir: string;
let shell: WebShell<AppCore>;
let socket: WebSocket;
const frames: ShellFrame[] = [];

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'web-shell-desktop-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  shell = await startWebShell({
    port: 0,
    staticDir: dir,
    log: () => {},
    createBackend: (mediaHost) => composeAppCore({ dataDir: ':memory:', mediaHost, headsetAdapters: [] }),
  });
  socket = new WebSocket(
    `ws://127.0.0.1:${shell.port}${WEB_SHELL_WS_PATH}`,
    [WEB_SHELL_PROTOCOL, `${WEB_SHELL_KEY_PROTOCOL_PREFIX}${shell.key}`],
    { origin: `http://127.0.0.1:${shell.port}` },
  );
  frames.length = 0;
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as ShellFrame));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
});

afterEach(async () => {
  socket.terminate();
  await shell.close();
  rmSync(dir, { recursive: true, force: true });
});

async function next(predicate: (f: ShellFrame) => boolean): Promise<ShellFrame> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const index = frames.findIndex(predicate);
    if (index !== -1) return frames.splice(index, 1)[0]!;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no matching frame within 5 s');
}

let nextId = 1;
async function invoke(channel: string, payload: unknown): Promise<unknown> {
  const id = nextId++;
  socket.send(JSON.stringify({ t: 'invoke', id, channel, payload }));
  const frame = await next((f) => f.t === 'result' && f.id === id);
  return (frame as Extract<ShellFrame, { t: 'result' }>).result;
}

const eventOn = (channel: string) => (f: ShellFrame) => f.t === 'event' && f.channel === channel;

describe('web shell: desktop integration channels', () => {
  it('an OS link becomes links.onDidRequestDial on the page; links.confirm(no) answers it', async () => {
    await invoke('settings.get', {}); // the page is registered server-side
    shell.backend.handleExternalLink('tel:+33-1-23-45-67-89', 'os-second-instance');
    const frame = (await next(eventOn('links.onDidRequestDial'))) as Extract<ShellFrame, { t: 'event' }>;
    const request = frame.payload as { requestId: string; number: string; scheme: string };
    expect(request).toMatchObject({ number: '+33123456789', scheme: 'tel' });
    expect(await invoke('links.confirm', { requestId: request.requestId, accept: false })).toEqual({
      ok: true,
      value: null,
    });
    shell.backend.handleExternalLink('file:///etc/passwd', 'os-second-instance');
    expect(await next(eventOn('links.onDidRefuse'))).toMatchObject({ payload: { reason: 'unsupported-scheme' } });
    expect(await invoke('links.open', { url: 'tel:+33123456789' })).toMatchObject({
      ok: false,
      error: { code: 'not-registered' },
    });
  });

  it('window commands: minimize/dock accepted and ignored, zoom and view change the settings', async () => {
    expect(await invoke('window.command', { command: 'minimize' })).toEqual({ ok: true });
    expect(await invoke('window.command', { command: 'dock' })).toEqual({ ok: true });
    await invoke('window.command', { command: 'zoom-in' });
    expect(await next(eventOn('settings.onDidChange'))).toMatchObject({ payload: { zoom: 1.1 } });
    await invoke('window.command', { command: 'set-view', view: 'details' });
    expect(await next(eventOn('settings.onDidChange'))).toMatchObject({ payload: { view: 'details' } });
  });

  it('counters, popup, hotkey and headsets answer with their initial state', async () => {
    expect(await invoke('counters.get', {})).toEqual({
      ok: true,
      value: { missedCalls: 0, unreadMessages: 0, newVoicemails: 0 },
    });
    expect(await invoke('popup.getState', {})).toEqual({ ok: true, value: { visible: false } });
    expect(await invoke('hotkey.getStatus', {})).toEqual({ ok: true, value: { status: 'off' } });
    expect(await invoke('headsets.getStatus', {})).toEqual({ ok: true, value: { state: 'stopped', vendors: [] } });
    expect(await invoke('settings.update', { dialHotkey: 'Ctrl+V' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-hotkey', details: ['reserved-combination'] },
    });
  });
});
