import { describe, expect, it } from 'vitest';
import {
  cleanContactFields,
  contactDisplayName,
  contactNumbers,
  EMPTY_CONTACT_VALUES,
  nameKey,
} from '../../../server/src/features/directory/contacts/contact-values';

describe('contact values', () => {
  it('trims, canonicalizes numbers and keeps only the given fields', () => {
    const result = cleanContactFields({ firstName: '  Hans ', mobile: '0049 171 1234567', email: '' });
    expect(result).toEqual({ ok: true, values: { firstName: 'Hans', mobile: '+49 171 1234567', email: '' } });
  });

  it('refuses an invalid e-mail or number with the field named', () => {
    expect(cleanContactFields({ email: 'not-an-address' })).toEqual({
      ok: false,
      reason: 'invalid e-mail "not-an-address"',
    });
    const bad = cleanContactFields({ business: '+49 abc' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/^business: invalid number/);
  });

  it('names a contact by first + last name, else by company', () => {
    expect(contactDisplayName({ ...EMPTY_CONTACT_VALUES, firstName: 'Hans', lastName: 'Müller' })).toBe('Hans Müller');
    expect(contactDisplayName({ ...EMPTY_CONTACT_VALUES, company: 'ACME' })).toBe('ACME');
    expect(contactDisplayName(EMPTY_CONTACT_VALUES)).toBe('');
  });

  it('matches names case- and diacritics-insensitively', () => {
    expect(nameKey('Jürgen  MÜLLER')).toBe('jurgen muller');
    expect(nameKey('Chloé Dubois')).toBe(nameKey('chloe dubois'));
  });

  it('lists numbers by kind in a stable order', () => {
    expect(contactNumbers({ ...EMPTY_CONTACT_VALUES, private: '123', business: '456' })).toEqual([
      { kind: 'business', number: '456' },
      { kind: 'private', number: '123' },
    ]);
  });
});
