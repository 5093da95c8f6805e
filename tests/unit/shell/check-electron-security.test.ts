/**
 * The AST-based Electron security check (.ci/check-electron-security.ts):
 * each rule has a fixture in fixtures/electron-security/ that must fail with
 * the message its first line names (`// expect: <regex>`), good.ts.txt must
 * pass, and the real shell and preloads pass from the command line.
 * The fixtures are .ts.txt so that tsc, eslint and prettier leave them alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSources, type SourceFile } from '../../../.ci/check-electron-security';

const repo = path.resolve(import.meta.dirname, '../../..');
const fixturesDir = path.join(import.meta.dirname, 'fixtures', 'electron-security');

/** The hooks every scanned set must have (so a fixture shows only its own finding). */
const HOOKS: SourceFile = {
  path: 'hooks.ts',
  text: `import { session } from 'electron';
export function guard(contents: { on(e: string, f: () => void): void; setWindowOpenHandler(f: () => unknown): void }): void {
  contents.on('will-navigate', () => undefined);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  session.defaultSession.setPermissionRequestHandler((_w, _p, cb) => cb(false));
}`,
};

const fixtures = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.ts.txt'))
  .sort()
  .map((name) => {
    const text = readFileSync(path.join(fixturesDir, name), 'utf8');
    const expectLine = /^\/\/ expect: (.*)$/m.exec(text)?.[1];
    if (!expectLine) throw new Error(`${name}: no // expect: line`);
    return { name, text, expected: expectLine };
  });

const messagesOf = (file: SourceFile): string[] => checkSources([file, HOOKS]).map((f) => f.message);

describe('check-electron-security (AST)', () => {
  it('has a fixture per rule', () => {
    expect(fixtures.map((f) => f.name.replace('.ts.txt', ''))).toEqual(
      expect.arrayContaining([
        'node-integration',
        'context-isolation',
        'web-security',
        'spread-hides-a-setting',
        'spread-of-an-insecure-object',
        'alias-without-sandbox',
        'assignment-after-alias',
        'assignment-with-unknown-key',
        'computed-key',
        'computed-key-unresolved',
        'options-unresolved',
        'append-switch-no-sandbox',
        'append-switch-unresolved',
        'permission-request-grants-all',
        'permission-check-returns-true',
        'permission-handler-unresolved',
        'preload-exposes-ipc-renderer',
        'preload-exposes-ipc-method',
        'preload-exposes-bound-method',
        'preload-exposes-unresolved',
        'good',
      ]),
    );
  });

  it.each(fixtures.filter((f) => f.expected !== 'nothing'))('fails on $name', ({ name, text, expected }) => {
    const messages = messagesOf({ path: name.replace('.txt', ''), text });
    expect(
      messages.some((m) => new RegExp(expected).test(m)),
      messages.join('\n'),
    ).toBe(true);
  });

  it('passes good.ts.txt: aliases, spreads before the hardening, conditional grants, a wrapped ipcRenderer', () => {
    const good = fixtures.find((f) => f.name === 'good.ts.txt')!;
    expect(messagesOf({ path: 'good.ts', text: good.text })).toEqual([]);
  });

  it('fails closed on a file it cannot parse', () => {
    expect(messagesOf({ path: 'broken.ts', text: 'const = new BrowserWindow({' })[0]).toMatch(/^cannot parse/);
  });

  it('reports the file and line', () => {
    const findings = checkSources([
      { path: 'w.ts', text: `import { BrowserWindow } from 'electron';\n\nnew BrowserWindow({});` },
      HOOKS,
    ]);
    expect(findings).toEqual([
      { path: 'w.ts', line: 3, message: 'new BrowserWindow(…) without sandbox: true in its webPreferences' },
    ]);
  });

  it('requires setWindowOpenHandler, will-navigate and setPermissionRequestHandler somewhere (not in a comment)', () => {
    const found = checkSources([
      {
        path: 'a.ts',
        text: "// contents.on('will-navigate'); x.setWindowOpenHandler(); s.setPermissionRequestHandler()",
      },
    ]).map((f) => f.message);
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/setWindowOpenHandler/);
    expect(found.join('\n')).toMatch(/will-navigate/);
    expect(found.join('\n')).toMatch(/setPermissionRequestHandler/);
  });

  it('passes on the real shell and preloads and fails (exit 1) on a fixture, from the command line', () => {
    const tsx = path.join(repo, 'node_modules/.bin/tsx');
    const script = path.join(repo, '.ci/check-electron-security.ts');
    const good = spawnSync(tsx, [script], { cwd: repo, encoding: 'utf8' });
    expect(good.stdout + good.stderr).toMatch(/file\(s\) OK/);
    expect(good.status).toBe(0);

    const dir = mkdtempSync(path.join(tmpdir(), 'sec-check-'));
    try {
      for (const f of [fixtures.find((x) => x.name === 'assignment-after-alias.ts.txt')!]) {
        writeFileSync(path.join(dir, f.name.replace('.txt', '')), f.text);
      }
      writeFileSync(path.join(dir, HOOKS.path), HOOKS.text);
      const bad = spawnSync(tsx, [script, dir], { cwd: repo, encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(
        /assignment-after-alias\.ts:6 {2}new BrowserWindow\(…\): webPreferences\.sandbox must be true/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
