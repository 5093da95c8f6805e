/**
 * English and French must offer exactly the same keys, every error code the
 * engine can send must be translated, every enum the UI renders through a
 * dynamic key must be covered, and every literal t('key') in a component must exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  callStateSchema,
  sessionStatusSchema,
  type CallEndReason,
  type CallResult,
  type IpcErrorCode,
} from '../../../src-preload/contract/ipc-contract';
import en from '../../../src-renderer/src/i18n/en.json';
import fr from '../../../src-renderer/src/i18n/fr.json';

const srcDir = join(import.meta.dirname, '../../../src-renderer/src');

/** "a.b.c" for every leaf; values must be non-empty strings. */
export function flattenKeys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (typeof value !== 'object' || value === null) throw new Error(`${prefix} is not a string or object`);
  return Object.entries(value).flatMap(([k, v]) => flattenKeys(v, prefix ? `${prefix}.${k}` : k));
}

function leaf(resources: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);
}

// Records (not arrays) so the type checker fails when the contract gains a member.
const errorCodes: Record<IpcErrorCode, true> = {
  'invalid-payload': true,
  'forbidden-sender': true,
  'unknown-channel': true,
  'invalid-number': true,
  'invalid-server': true,
  'not-registered': true,
  'unknown-call': true,
  'invalid-state': true,
  internal: true,
};
const endReasons: Record<CallEndReason, true> = {
  'local-hangup': true,
  'remote-hangup': true,
  cancelled: true,
  rejected: true,
  busy: true,
  'not-found': true,
  unavailable: true,
  timeout: true,
  'media-failed': true,
  network: true,
  failed: true,
};
const results: Record<CallResult, true> = { answered: true, missed: true, rejected: true, failed: true };

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

describe('i18n resources', () => {
  it('flattenKeys sees nested keys (self-check)', () => {
    expect(flattenKeys({ a: { b: 'x', c: 'y' }, d: 'z' })).toEqual(['a.b', 'a.c', 'd']);
  });

  it('en and fr have exactly the same key set', () => {
    const enKeys = new Set(flattenKeys(en));
    const frKeys = new Set(flattenKeys(fr));
    expect(
      [...enKeys].filter((k) => !frKeys.has(k)),
      'missing in fr',
    ).toEqual([]);
    expect(
      [...frKeys].filter((k) => !enKeys.has(k)),
      'missing in en',
    ).toEqual([]);
  });

  it('no translation is empty', () => {
    for (const resources of [en, fr]) {
      for (const key of flattenKeys(resources)) expect(String(leaf(resources, key)).trim(), key).not.toBe('');
    }
  });

  it('translates every enum rendered through a dynamic key', () => {
    const required = [
      ...Object.keys(errorCodes).map((c) => `error.${c}`),
      ...Object.keys(endReasons).map((r) => `endReason.${r}`),
      ...Object.keys(results).map((r) => `journal.result.${r}`),
      ...sessionStatusSchema.options.map((s) => `status.${s}`),
      ...callStateSchema.options.map((s) => `callState.${s}`),
      'journal.direction.incoming',
      'journal.direction.outgoing',
    ];
    for (const resources of [en, fr]) {
      const keys = new Set(flattenKeys(resources));
      expect(required.filter((k) => !keys.has(k))).toEqual([]);
    }
  });

  it("every literal t('key') used in components exists", () => {
    const keys = new Set(flattenKeys(en));
    const used = tsxFiles(srcDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^'`]+)'/g)].map((m) => ({ file, key: m[1] })),
    );
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((u) => !keys.has(u.key ?? ''))).toEqual([]);
  });
});
