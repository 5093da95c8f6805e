import { describe, expect, it } from 'vitest';
import type { DirectoryEntryView } from '../../../src-preload/contract/ipc-contract';
import {
  contactFieldsForCreate,
  contactFieldsForUpdate,
  contactValuesFromEntry,
  emptyContactValues,
  initialsOf,
  validateContact,
} from '../../../src-renderer/src/features/directory/contact-fields';
import { createAppStore } from '../../../src-renderer/src/app/app-store';
import { importFormatOf } from '../../../src-renderer/src/features/directory/contacts-slice';
import { FakeUc, flush } from '../../support/renderer/fake-uc';

const saved: DirectoryEntryView = {
  id: 'p-7',
  source: 'personal',
  displayName: 'Jeanne Dupont',
  firstName: 'Jeanne',
  lastName: 'Dupont',
  company: 'Dupont SA',
  numbers: [
    { kind: 'business', number: '+33 1 23 45 67 89' },
    { kind: 'mobile', number: '+33 6 12 34 56 78' },
  ],
  updatedAt: 5,
  pendingSync: true,
};

function uc(): FakeUc {
  return new FakeUc()
    .handle('contacts.create', () => ({ ok: true, value: saved }))
    .handle('contacts.update', () => ({ ok: true, value: { ...saved, company: 'Dupont SAS' } }))
    .handle('contacts.delete', () => ({ ok: true, value: undefined }))
    .handle('directory.get', () => ({ ok: true, value: saved }))
    .handle('directory.search', () => ({ ok: true, value: { groups: [] } }));
}

describe('contact form fields', () => {
  it('validates names, e-mail and numbers with one message per field', () => {
    expect(validateContact(emptyContactValues())).toEqual({ lastName: 'name-required' });
    expect(validateContact({ ...emptyContactValues(), company: 'ACME' })).toEqual({});
    expect(
      validateContact({
        ...emptyContactValues(),
        lastName: 'X',
        email: 'not-an-address',
        business: '+49 (89) 7007-98765',
        mobile: '06 12 ab',
        private: '---',
      }),
    ).toEqual({ email: 'invalid-email', mobile: 'invalid-number', private: 'invalid-number' });
    expect(validateContact({ ...emptyContactValues(), lastName: 'x'.repeat(101) })).toEqual({ lastName: 'too-long' });
  });

  it('creates with the filled fields and updates with the changed ones only', () => {
    const values = { ...emptyContactValues(), firstName: ' Ana ', mobile: '0612' };
    expect(contactFieldsForCreate(values)).toEqual({ firstName: 'Ana', mobile: '0612' });
    const initial = contactValuesFromEntry(saved);
    expect(initial.business).toBe('+33 1 23 45 67 89');
    expect(contactFieldsForUpdate(initial, { ...initial, company: 'Dupont SAS', mobile: '' })).toEqual({
      company: 'Dupont SAS',
      mobile: '',
    });
    expect(contactFieldsForUpdate(initial, initial)).toEqual({});
  });

  it('makes initials and tells import formats from file names', () => {
    expect(initialsOf('anna  müller')).toBe('AM');
    expect(initialsOf('Émile')).toBe('É');
    expect(importFormatOf('Contacts.CSV')).toBe('csv');
    expect(importFormatOf('export.xml')).toBe('xml');
    expect(importFormatOf('photo.png')).toBeNull();
  });
});

describe('contacts slice', () => {
  it('does not send an invalid form, and shows the field errors', async () => {
    const fake = uc();
    const store = createAppStore(fake);
    store.getState().openContactForm({ mode: 'create' });
    expect(await store.getState().saveContact({ ...emptyContactValues(), email: 'x@' })).toBe(false);
    expect(store.getState().contactFieldErrors).toEqual({ lastName: 'name-required', email: 'invalid-email' });
    expect(fake.invoked('contacts.create')).toHaveLength(0);
  });

  it('creates a contact and opens its details', async () => {
    const fake = uc();
    const store = createAppStore(fake);
    store.getState().openContactForm({ mode: 'create' });
    const ok = await store.getState().saveContact({ ...emptyContactValues(), firstName: 'Jeanne', lastName: 'Dupont' });
    expect(ok).toBe(true);
    expect(fake.invoked('contacts.create')).toEqual([{ fields: { firstName: 'Jeanne', lastName: 'Dupont' } }]);
    expect(store.getState().contactForm).toBeNull();
    expect(store.getState().selectedEntry?.id).toBe('p-7');
  });

  it('updates only what changed and keeps the form open on an engine error', async () => {
    const fake = uc();
    const store = createAppStore(fake);
    store.getState().openContactForm({ mode: 'edit', entry: saved });
    const values = { ...contactValuesFromEntry(saved), company: 'Dupont SAS' };
    expect(await store.getState().saveContact(values)).toBe(true);
    expect(fake.invoked('contacts.update')).toEqual([{ id: 'p-7', fields: { company: 'Dupont SAS' } }]);
    fake.handle('contacts.update', () => ({ ok: false, error: { code: 'not-found', message: 'gone' } }));
    store.getState().openContactForm({ mode: 'edit', entry: saved });
    expect(await store.getState().saveContact({ ...values, company: 'Other' })).toBe(false);
    expect(store.getState().contactError).toBe('not-found');
    expect(store.getState().contactForm).not.toBeNull();
  });

  it('deletes and closes the details', async () => {
    const fake = uc();
    const store = createAppStore(fake);
    await store.getState().openEntry(saved);
    expect(await store.getState().deleteContact('p-7')).toBe(true);
    expect(fake.invoked('contacts.delete')).toEqual([{ id: 'p-7' }]);
    expect(store.getState().selectedEntry).toBeNull();
  });

  it('runs an import and keeps the report, or the error with its details', async () => {
    const fake = uc().handle('contacts.import', () => ({
      ok: true,
      value: { imported: 2, updated: 1, skipped: [{ row: 4, reason: 'no name' }] },
    }));
    const store = createAppStore(fake);
    store.getState().openImport();
    const run = store.getState().runImport({ format: 'csv', encoding: 'windows-1252', contentBase64: 'YQ==' });
    expect(store.getState().importState.status).toBe('running');
    await run;
    expect(fake.invoked('contacts.import')).toEqual([
      { format: 'csv', encoding: 'windows-1252', contentBase64: 'YQ==' },
    ]);
    expect(store.getState().importState).toEqual({
      status: 'done',
      report: { imported: 2, updated: 1, skipped: [{ row: 4, reason: 'no name' }] },
    });
    fake.handle('contacts.import', () => ({
      ok: false,
      error: { code: 'import-failed', message: 'bad', details: ['row 2: unclosed quote'] },
    }));
    await store.getState().runImport({ format: 'csv', encoding: 'utf-8', contentBase64: 'YQ==' });
    expect(store.getState().importState).toMatchObject({
      status: 'failed',
      error: { code: 'import-failed', details: ['row 2: unclosed quote'] },
    });
    store.getState().closeImport();
    await flush();
    expect(store.getState().importState.status).toBe('idle');
  });
});
