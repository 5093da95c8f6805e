import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppPages } from '../../../src-main/shell/app-pages';

const rendererDir = path.resolve('/opt/switchboard/out/renderer');
const indexUrl = 'app://switchboard/index.html';
const mediaUrl = 'app://switchboard/media.html';

describe('AppPages (packaged, app://)', () => {
  const pages = new AppPages({ kind: 'app' });

  it('gives the app:// URLs of both pages', () => {
    expect(pages.urlOf('index')).toBe(indexUrl);
    expect(pages.urlOf('media')).toBe(mediaUrl);
  });

  it('recognises its pages, ignoring query and hash', () => {
    expect(pages.isPage(indexUrl, 'index')).toBe(true);
    expect(pages.isPage(`${indexUrl}#/journal`, 'index')).toBe(true);
    expect(pages.isPage(`${mediaUrl}?e2e`, 'media')).toBe(true);
  });

  it('does not confuse the two pages', () => {
    expect(pages.isPage(mediaUrl, 'index')).toBe(false);
    expect(pages.isPage(indexUrl, 'media')).toBe(false);
  });

  it('refuses file:// (even the renderer folder), other app:// hosts and paths, other schemes and garbage', () => {
    expect(pages.isPage(pathToFileURL('/tmp/index.html').href, 'index')).toBe(false);
    expect(pages.isPage(pathToFileURL(path.join(rendererDir, 'index.html')).href, 'index')).toBe(false);
    expect(pages.isPage('app://switchboard/sub/index.html', 'index')).toBe(false);
    expect(pages.isPage('app://evil/index.html', 'index')).toBe(false);
    expect(pages.isPage('app://switchboard:1/index.html', 'index')).toBe(false);
    expect(pages.isPage('app://user@switchboard/index.html', 'index')).toBe(false);
    expect(pages.isPage('https://evil.example/index.html', 'index')).toBe(false);
    expect(pages.isPage('not a url', 'index')).toBe(false);
    expect(pages.isPage('', 'index')).toBe(false);
  });
});

describe('AppPages (dev server)', () => {
  const pages = new AppPages({ kind: 'dev', baseUrl: 'http://localhost:5173' });

  it('serves both pages from the dev server origin', () => {
    expect(pages.urlOf('index')).toBe('http://localhost:5173/index.html');
    expect(pages.urlOf('media')).toBe('http://localhost:5173/media.html');
    expect(pages.isPage('http://localhost:5173/', 'index')).toBe(true);
    expect(pages.isPage('http://localhost:5173/media.html', 'media')).toBe(true);
    expect(pages.isPage('http://localhost:5173/', 'media')).toBe(false);
  });

  it('refuses another origin', () => {
    expect(pages.isPage('http://localhost:5174/index.html', 'index')).toBe(false);
    expect(pages.isPage('http://127.0.0.1:5173/index.html', 'index')).toBe(false);
  });

  it('rejects a non-http dev URL', () => {
    expect(() => new AppPages({ kind: 'dev', baseUrl: 'file:///x' })).toThrow(/http/);
  });
});
