/**
 * Components reach the engine only through the store (issue #9): nothing in
 * features/ or app/ imports the bridge or reads window.uc; only main.tsx
 * picks the bridge and hands its UcApi to the store's slices.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = join(import.meta.dirname, '../../../src-renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Lines of `source` that reach the bridge directly. */
export function bridgeUses(source: string): string[] {
  return source
    .split('\n')
    .filter((line) => /from '[^']*platform\/bridge\/|\bgetUc\(|\bgetBridge\(|window\.uc\b/.test(line));
}

describe('the engine only through the store', () => {
  it('detects a direct use (self-check)', () => {
    expect(bridgeUses("import { getUc } from '../../platform/bridge/get-uc';\nconst x = 1;")).toHaveLength(1);
    expect(bridgeUses('void window.uc.invoke("calls.list", {});')).toHaveLength(1);
    expect(bridgeUses('const dial = useAppStore((s) => s.dial);')).toEqual([]);
  });

  it('features/ and app/ never import the bridge nor read window.uc', () => {
    const files = [...sources(join(srcDir, 'features')), ...sources(join(srcDir, 'app'))];
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) =>
      bridgeUses(readFileSync(file, 'utf8')).map((line) => `${relative(srcDir, file)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
