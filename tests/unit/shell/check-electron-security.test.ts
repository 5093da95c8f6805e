import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource, checkSources, stripComments } from '../../../.ci/check-electron-security';

const repo = path.resolve(import.meta.dirname, '../../..');

const GOOD_WINDOW = `
const w = new BrowserWindow({
  show: false,
  webPreferences: { preload, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
});`;
const HOOKS = `
contents.on('will-navigate', (e) => e.preventDefault());
contents.setWindowOpenHandler(() => ({ action: 'deny' }));
session.setPermissionRequestHandler((_w, _p, cb) => cb(false));`;

const messages = (text: string): string[] => checkSource({ path: 'x.ts', text }).map((f) => f.message);

describe('check-electron-security', () => {
  it('accepts a hardened window with the required hooks', () => {
    expect(checkSources([{ path: 'a.ts', text: GOOD_WINDOW + HOOKS }])).toEqual([]);
  });

  it.each([
    ['nodeIntegration: true', /nodeIntegration must be false/],
    ['nodeIntegrationInWorker: true', /nodeIntegrationInWorker must be false/],
    ['contextIsolation: false', /contextIsolation must be true/],
    ['sandbox: false', /sandbox must be true/],
    ['webSecurity: false', /webSecurity must be true/],
    ['allowRunningInsecureContent: true', /allowRunningInsecureContent must be false/],
    ['enableRemoteModule: true', /enableRemoteModule must be false/],
    ['webviewTag: true', /webviewTag must be false/],
    ['experimentalFeatures: true', /experimentalFeatures must be false/],
    ["enableBlinkFeatures: 'CSSPseudoHas'", /enableBlinkFeatures must be false/],
    ['sandbox: isDev', /sandbox must be true \(found isDev\)/],
    ["'nodeIntegration': true", /nodeIntegration must be false/],
  ])('flags %s', (setting, expected) => {
    const found = messages(`const prefs = { ${setting}, other: 1 };`);
    expect(found.some((m) => expected.test(m))).toBe(true);
  });

  it('flags new BrowserWindow( without sandbox: true in the same call', () => {
    const text = `const w = new BrowserWindow({ width: 1, webPreferences: { preload } });\nconst x = { sandbox: true };`;
    const found = checkSource({ path: 'w.ts', text });
    expect(found).toEqual([
      { path: 'w.ts', line: 1, message: 'new BrowserWindow(…) without sandbox: true in its webPreferences' },
    ]);
  });

  it('flags new WebContentsView( without sandbox too, and reports the right line', () => {
    const found = checkSource({ path: 'v.ts', text: `\n\nconst v = new WebContentsView({});` });
    expect(found.map((f) => f.line)).toEqual([3]);
  });

  it('requires setWindowOpenHandler, will-navigate and setPermissionRequestHandler somewhere', () => {
    const found = checkSources([{ path: 'a.ts', text: GOOD_WINDOW }]).map((f) => f.message);
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/setWindowOpenHandler/);
    expect(found.join('\n')).toMatch(/will-navigate/);
    expect(found.join('\n')).toMatch(/setPermissionRequestHandler/);
  });

  it('ignores comments but not strings', () => {
    expect(messages('// nodeIntegration: true\n/* sandbox: false */ const a = 1;')).toEqual([]);
    expect(stripComments("const u = 'https://x'; // c")).toBe("const u = 'https://x';     ");
    // a hook mentioned only in a comment does not count
    expect(
      checkSources([
        {
          path: 'a.ts',
          text: `${GOOD_WINDOW}\n// contents.on('will-navigate')\n${HOOKS.replace("'will-navigate'", "'did-finish-load'")}`,
        },
      ]).map((f) => f.message),
    ).toEqual(["no 'will-navigate' handler: navigation must be denied"]);
  });

  it('passes on the real shell and fails (exit 1) on a bad file, from the command line', () => {
    const tsx = path.join(repo, 'node_modules/.bin/tsx');
    const script = path.join(repo, '.ci/check-electron-security.ts');
    const good = spawnSync(tsx, [script], { cwd: repo, encoding: 'utf8' });
    expect(good.stdout).toMatch(/file\(s\) OK/);
    expect(good.status).toBe(0);

    const dir = mkdtempSync(path.join(tmpdir(), 'sec-check-'));
    try {
      writeFileSync(
        path.join(dir, 'bad.ts'),
        `new BrowserWindow({ webPreferences: { nodeIntegration: true } });\n${HOOKS}`,
      );
      const bad = spawnSync(tsx, [script, dir], { cwd: repo, encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/nodeIntegration must be false/);
      expect(bad.stderr).toMatch(/without sandbox: true/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
