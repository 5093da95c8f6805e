import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRequestFilter } from '../../../src-main/shell/request-filter';

const rendererDir = path.resolve('/opt/switchboard/out/renderer');
const inside = (rel: string): string => `app://switchboard/${rel}`;

describe('createRequestFilter (packaged)', () => {
  const allowed = createRequestFilter({});

  it('allows the app:// pages, data:, blob: and devtools', () => {
    expect(allowed(inside('index.html'))).toBe(true);
    expect(allowed(inside('assets/index-abc.js'))).toBe(true);
    expect(allowed('data:image/png;base64,AAAA')).toBe(true);
    expect(allowed('blob:app://switchboard/1234')).toBe(true);
    expect(allowed('devtools://devtools/bundled/inspector.html')).toBe(true);
  });

  it('refuses every file:// load (the renderer folder too) and another app:// host', () => {
    expect(allowed('file:///etc/passwd')).toBe(false);
    expect(allowed(pathToFileURL(path.join(rendererDir, 'index.html')).href)).toBe(false);
    expect(allowed('app://evil/index.html')).toBe(false);
  });

  it('refuses all network loads when not in development', () => {
    expect(allowed('https://evil.example/x.js')).toBe(false);
    expect(allowed('http://localhost:5173/')).toBe(false);
    expect(allowed('ws://127.0.0.1:7600/uc')).toBe(false);
    expect(allowed('ftp://x/')).toBe(false);
    expect(allowed('garbage')).toBe(false);
  });
});

describe('createRequestFilter (dev server)', () => {
  const allowed = createRequestFilter({ devServerUrl: 'http://localhost:5173' });

  it('allows the dev server and its HMR socket only', () => {
    expect(allowed('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(allowed('ws://localhost:5173/')).toBe(true);
    expect(allowed('http://localhost:5174/')).toBe(false);
    expect(allowed('ws://localhost:9999/')).toBe(false);
    expect(allowed('https://evil.example/')).toBe(false);
  });
});
