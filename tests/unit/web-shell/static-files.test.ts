import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  webShellContentSecurityPolicy,
  contentTypeOf,
  resolveStaticFile,
  securityHeaders,
} from '../../../src-main/web-shell/static-files';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'static-files-'));
  root = path.join(base, 'web');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'a b.css'), 'body{}');
  writeFileSync(path.join(base, 'secret.txt'), 'secret');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('resolveStaticFile', () => {
  it('maps / to index.html and finds nested and encoded names', async () => {
    await expect(resolveStaticFile(root, '/')).resolves.toMatchObject({
      kind: 'file',
      filePath: expect.stringMatching(/index\.html$/),
    });
    await expect(resolveStaticFile(root, '/assets/app.js')).resolves.toMatchObject({ kind: 'file', size: 14 });
    await expect(resolveStaticFile(root, '/assets/a%20b.css')).resolves.toMatchObject({ kind: 'file' });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2E%2E/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/a%00b',
    '/%E0%A4%A',
  ])('refuses %s', async (p) => {
    const found = await resolveStaticFile(root, p);
    expect(found.kind).toBe('bad-request');
  });

  it('does not follow a symlink out of the root, nor serve folders or missing files', async () => {
    await expect(resolveStaticFile(root, '/escape.txt')).resolves.toEqual({ kind: 'not-found' });
    await expect(resolveStaticFile(root, '/assets')).resolves.toEqual({ kind: 'not-found' });
    await expect(resolveStaticFile(root, '/nope.js')).resolves.toEqual({ kind: 'not-found' });
    await expect(resolveStaticFile(path.join(base, 'missing'), '/')).resolves.toEqual({ kind: 'not-found' });
  });
});

describe('content types and headers', () => {
  it('knows the renderer file types', () => {
    expect(contentTypeOf('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('x.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });

  it('sends a strict CSP allowing only this server', () => {
    const csp = webShellContentSecurityPolicy(7600);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:7600 ws://localhost:7600");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(securityHeaders(7600)['X-Content-Type-Options']).toBe('nosniff');
  });
});
