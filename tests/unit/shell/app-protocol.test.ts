/**
 * The app:// protocol the packaged windows load from (issue 10, instead of
 * file://): only the built renderer folder, path traversal refused before any
 * file is touched, a symlink leading out refused too.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  resolveAppRequest,
} from '../../../src-main/shell/app-protocol';

const rendererDir = path.resolve('/opt/switchboard/out/renderer');

describe('resolveAppRequest', () => {
  it('maps app://switchboard/<path> into the renderer folder, / to index.html', () => {
    expect(resolveAppRequest('app://switchboard/', rendererDir)).toEqual({
      kind: 'file',
      filePath: path.join(rendererDir, 'index.html'),
    });
    expect(resolveAppRequest('app://switchboard/media.html?x=1#popup', rendererDir)).toEqual({
      kind: 'file',
      filePath: path.join(rendererDir, 'media.html'),
    });
    expect(resolveAppRequest('app://switchboard/assets/a%20b.js', rendererDir)).toEqual({
      kind: 'file',
      filePath: path.join(rendererDir, 'assets', 'a b.js'),
    });
  });

  it('refuses path traversal in every spelling', () => {
    for (const url of [
      'app://switchboard/..%2f..%2fetc/passwd',
      'app://switchboard/assets%2F..%2F..%2Fsecret',
      'app://switchboard/..%5c..%5cwindows',
      'app://switchboard/a\\..\\..\\b',
      'app://switchboard/x%00.html',
      'app://switchboard/%E0%A4%A',
    ]) {
      expect(resolveAppRequest(url, rendererDir), url).toMatchObject({ kind: 'refused', status: 400 });
    }
    // the URL parser already removes (encoded) dot segments; what is left stays inside
    for (const url of ['app://switchboard/../../etc/passwd', 'app://switchboard/%2e%2e/%2e%2e/etc/passwd']) {
      const found = resolveAppRequest(url, rendererDir);
      expect(found.kind === 'file' && found.filePath.startsWith(rendererDir + path.sep), url).toBe(true);
    }
  });

  it('refuses other schemes, hosts, ports and credentials', () => {
    for (const url of [
      'file:///etc/passwd',
      'https://switchboard/index.html',
      'app://evil/index.html',
      'app://switchboard:8080/index.html',
      'app://me:pw@switchboard/index.html',
      'not a url',
    ]) {
      expect(resolveAppRequest(url, rendererDir).kind, url).toBe('refused');
    }
  });
});

describe('createAppProtocolHandler', () => {
  let outside: string;
  let root: string;
  const logs: string[] = [];

  beforeAll(() => {
    outside = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
    root = path.join(outside, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Switchboard</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'export {};');
    writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  });
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  const handler = () => createAppProtocolHandler({ rendererDir: root, log: (m) => logs.push(m) });

  it('serves the renderer files with their type, the CSP and nosniff', async () => {
    const index = await handler()({ url: 'app://switchboard/' });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Switchboard</title>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await handler()({ url: 'app://switchboard/assets/app.js' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses traversal, a symlink out of the folder and missing files, and logs them', async () => {
    logs.length = 0;
    const h = handler();
    const traversal = await h({ url: 'app://switchboard/..%2fsecret.txt' });
    expect(traversal.status).toBe(400);
    const link = await h({ url: 'app://switchboard/assets/link.txt' });
    expect(link.status).toBe(403);
    expect(await link.text()).not.toContain('top secret');
    expect((await h({ url: 'app://switchboard/nope.js' })).status).toBe(404);
    expect((await h({ url: 'app://switchboard/assets' })).status).toBe(404);
    expect(logs).toHaveLength(4);
  });
});
