import { describe, expect, it } from 'vitest';
import {
  CONTACT_FIELD_MAX_LENGTH,
  CONTACT_FIELD_NAMES,
  CONTACT_NUMBER_FIELDS,
  DIRECTORY_GROUP_ORDER,
  DIRECTORY_SOURCES,
  cleanContactText,
  contactDisplayName,
  contactFieldsSchema,
  isEmailAddress,
} from '../../../src-preload/contract/directory';

describe('contact fields (contract)', () => {
  it('lists the fields in display order, each with a length limit the schema enforces', () => {
    expect(CONTACT_FIELD_NAMES).toEqual([
      'firstName',
      'lastName',
      'company',
      'email',
      'business',
      'mobile',
      'private',
      'other',
    ]);
    for (const field of CONTACT_FIELD_NAMES) {
      const max = CONTACT_FIELD_MAX_LENGTH[field];
      expect(contactFieldsSchema.safeParse({ [field]: 'x'.repeat(max) }).success).toBe(true);
      expect(contactFieldsSchema.safeParse({ [field]: 'x'.repeat(max + 1) }).success).toBe(false);
    }
    expect(contactFieldsSchema.safeParse({ nickname: 'x' }).success).toBe(false);
    expect(CONTACT_NUMBER_FIELDS.map(([field]) => field)).toEqual(['business', 'mobile', 'private', 'other']);
  });

  it('cleans text, checks e-mail addresses and names a contact', () => {
    expect(cleanContactText('  Jean \t Dupont \n')).toBe('Jean Dupont');
    expect(cleanContactText('Cafe\u0301')).toBe('Café');
    expect(isEmailAddress('a@b.fr')).toBe(true);
    expect(isEmailAddress('a b@c.fr')).toBe(false);
    expect(isEmailAddress('a@b')).toBe(false);
    expect(contactDisplayName({ firstName: 'Ada', lastName: 'Lovelace', company: 'X' })).toBe('Ada Lovelace');
    expect(contactDisplayName({ firstName: '', lastName: '', company: 'ACME' })).toBe('ACME');
    expect(contactDisplayName({ firstName: '', lastName: '', company: '' })).toBe('');
  });

  it('orders the search groups internal, personal, system, global, with every source once', () => {
    expect(DIRECTORY_GROUP_ORDER).toEqual(['internal', 'personal', 'system', 'global']);
    expect([...DIRECTORY_GROUP_ORDER].sort()).toEqual([...DIRECTORY_SOURCES].sort());
  });
});
