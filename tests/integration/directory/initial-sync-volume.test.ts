import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponseSchema, type Change } from '../../../src-preload/contract/directory';
import { loginResponseSchema } from '../../../src-preload/contract/session';
import { importDirectory } from '../../../server/src/features/directory/imports/import-directory';
import type { ImportRecord } from '../../../server/src/features/directory/imports/read-import-file';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

// A large initial sync pages through the whole feed: every entry exactly
// once, nothing lost between pages. How long 100 000 entries take is a
// figure of `npm run bench` (never a timed test); here the volume is smaller
// so the suite stays quick.

const ENTRIES = 20_000;

describe.each(['sqlite', 'postgres'] as const)('initial sync of %s with 20 000 entries', (database) => {
  let stack: UcStack;

  beforeAll(async () => {
    stack = await startUcStack({ database, withKamailio: false });
    const records: ImportRecord[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      records.push({
        row: i + 2,
        fields: {
          firstName: `First${i}`,
          lastName: `Last${i}`,
          company: `Company ${i % 97}`,
          email: `user${i}@example.com`,
          business: `+49 89 ${String(1_000_000 + i)}`,
        },
      });
    }
    const report = await importDirectory(stack.ctx!, Date.now(), records, { directory: 'global', replace: false });
    expect(report.imported).toBe(ENTRIES);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('pulls every entry exactly once over several pages', async () => {
    const login = await fetch(`${stack.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: '100', password: 'Welcome100!' }),
    });
    const token = loginResponseSchema.parse(await login.json()).accessToken;
    const started = performance.now();
    const changes: Change[] = [];
    let revision = 0;
    for (let page = 0; page < 100; page++) {
      const res = await fetch(`${stack.apiUrl}/changes?since=${revision}&limit=3000`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = changesResponseSchema.parse(await res.json());
      changes.push(...body.changes);
      revision = body.revision;
      if (!body.hasMore) break;
    }
    const elapsedMs = performance.now() - started;
    console.log(`initial sync on ${database}: ${changes.length} changes in ${elapsedMs.toFixed(0)} ms`);
    expect(changes.filter((c) => c.entry?.source === 'global')).toHaveLength(ENTRIES);
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
  }, 60_000);
});
