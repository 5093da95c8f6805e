/**
 * AppCore through dispatchInvoke with a fake SIP engine and a fake UC server:
 * the directory and personal contacts through the cache, the sync engine and the live events (SPEC C, K).
 * (Split by domain from the former tests/unit/app/app-core.test.ts; the harness is tests/support/app-core-harness.ts.)
 */
import { describe, expect, it } from 'vitest';
import { until, useAppCoreFixture } from '../../support/app-core-harness';

describe('AppCore', () => {
  const fx = useAppCoreFixture();
  const { invoke, eventsOf, login } = fx;

  describe('directory and contacts', () => {
    it('contacts need a login', async () => {
      const r = await invoke('contacts.create', { fields: { lastName: 'X' } });
      expect(r.ok === false && r.error.code).toBe('not-logged-in');
      expect(await invoke('sync.getState')).toEqual({
        ok: true,
        value: { status: 'offline', pending: 0, revision: 0 },
      });
    });

    it('creates, finds, updates and deletes a personal contact through the cache and the outbox', async () => {
      await login();
      const created = await invoke('contacts.create', {
        fields: { firstName: 'Jean', lastName: 'Dupont', mobile: '0612' },
      });
      expect(created).toMatchObject({ ok: true, value: { source: 'personal', displayName: 'Jean Dupont' } });
      const id = created.ok ? (created.value as { id: string }).id : '';
      expect(id).toMatch(/^personal:/);
      await until('on the server', () => fx.uc.contacts.has(id));
      const found = await invoke('directory.search', { query: 'dup' });
      expect(found).toMatchObject({ ok: true, value: { groups: [{ source: 'personal', entries: [{ id }] }] } });
      expect(eventsOf('directory.onDidChange').length).toBeGreaterThan(0);
      const updated = await invoke('contacts.update', { id, fields: { company: 'ACME' } });
      expect(updated).toMatchObject({ ok: true, value: { company: 'ACME' } });
      await until('patched on the server', () => fx.uc.contacts.get(id)?.company === 'ACME');
      expect((await invoke('contacts.delete', { id })).ok).toBe(true);
      await until('deleted on the server', () => !fx.uc.contacts.has(id));
      expect(await invoke('directory.get', { id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
      await until('idle', async () => {
        const s = await invoke('sync.getState');
        return s.ok && (s.value as { pending: number }).pending === 0;
      });
      expect(eventsOf('sync.onDidChange').length).toBeGreaterThan(0);
    });

    it('bad contact input is refused with a clear error and stores nothing', async () => {
      await login();
      const r = await invoke('contacts.create', { fields: { lastName: 'X', mobile: 'abc' } });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-number', details: ['mobile'] } });
      expect(await invoke('contacts.update', { id: 'personal:nope', fields: {} })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
    });

    it('a change from elsewhere reaches the cache through the live events', async () => {
      await login();
      await until('events socket', () => fx.uc.eventsClients === 1);
      fx.uc.serverUpsert({
        id: 'internal:103',
        source: 'internal',
        displayName: 'Jürgen Müller',
        numbers: [{ kind: 'internal', number: '103' }],
        updatedAt: 1,
      });
      await until('in the cache', async () => (await invoke('directory.get', { id: 'internal:103' })).ok);
      expect(await invoke('directory.search', { query: 'muller' })).toMatchObject({
        ok: true,
        value: { groups: [{ source: 'internal', entries: [{ id: 'internal:103' }] }] },
      });
    });

    it('imports through the server (online only) and returns its report', async () => {
      await login();
      const r = await invoke('contacts.import', { format: 'csv', encoding: 'utf-8', contentBase64: 'YQ==' });
      expect(r).toEqual({ ok: true, value: { imported: 1, updated: 0, skipped: [{ row: 3, reason: 'no name' }] } });
      fx.uc.overrides.set('POST /contacts/import', {
        status: 400,
        body: JSON.stringify({ error: 'import-failed', message: 'row 2: bad number', rules: ['row 2: bad number'] }),
      });
      const bad = await invoke('contacts.import', { format: 'csv', encoding: 'utf-8', contentBase64: 'YQ==' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'import-failed', details: ['row 2: bad number'] } });
      await fx.uc.stop();
      const off = await invoke('contacts.import', { format: 'csv', encoding: 'utf-8', contentBase64: 'YQ==' });
      expect(off).toMatchObject({ ok: false, error: { code: 'server-unreachable' } });
    });
  });
});
