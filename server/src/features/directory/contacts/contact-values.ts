import type { ContactFields, NumberKind } from '../../../../../src-preload/contract/directory';
import { canonicalNumber, type CanonicalNumberOptions } from '../canonical-number';

/** The editable fields of a personal contact, cleaned (trimmed, numbers canonical). '' = unset. */
export interface ContactValues {
  firstName: string;
  lastName: string;
  company: string;
  email: string;
  business: string;
  mobile: string;
  private: string;
  other: string;
}

/** Field names of {@link ContactValues}, in display order. */
export const CONTACT_FIELD_NAMES = [
  'firstName',
  'lastName',
  'company',
  'email',
  'business',
  'mobile',
  'private',
  'other',
] as const satisfies readonly (keyof ContactValues)[];

/** The number fields and the number kind each one stores. */
export const CONTACT_NUMBER_FIELDS = [
  ['business', 'business'],
  ['mobile', 'mobile'],
  ['private', 'private'],
  ['other', 'other'],
] as const satisfies readonly (readonly [keyof ContactValues, NumberKind])[];

export const EMPTY_CONTACT_VALUES: ContactValues = {
  firstName: '',
  lastName: '',
  company: '',
  email: '',
  business: '',
  mobile: '',
  private: '',
  other: '',
};

/** Result of {@link cleanContactFields}. */
export type CleanFieldsResult = { ok: true; values: Partial<ContactValues> } | { ok: false; reason: string };

// Pragmatic address check (RFC 5322 is far wider): one "@", no spaces, a dot in the domain.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Trims the given fields, canonicalizes numbers (SPEC C5) and checks the
 * e-mail address. Only the fields present in `fields` appear in the result
 * (a PATCH touches only what it carries); an empty string clears a field.
 */
export function cleanContactFields(fields: ContactFields, opts: CanonicalNumberOptions = {}): CleanFieldsResult {
  const values: Partial<ContactValues> = {};
  for (const name of CONTACT_FIELD_NAMES) {
    const raw = fields[name];
    if (raw === undefined) continue;
    values[name] = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  }
  if (values.email !== undefined && values.email !== '' && !EMAIL_PATTERN.test(values.email)) {
    return { ok: false, reason: `invalid e-mail "${values.email}"` };
  }
  for (const [name] of CONTACT_NUMBER_FIELDS) {
    const value = values[name];
    if (value === undefined || value === '') continue;
    const canonical = canonicalNumber(value, opts);
    if (!canonical.ok) return { ok: false, reason: `${name}: ${canonical.reason}` };
    values[name] = canonical.number;
  }
  return { ok: true, values };
}

/** The display name of a contact: "First Last", else the company; '' when it has no name. */
export function contactDisplayName(values: ContactValues): string {
  const name = [values.firstName, values.lastName].filter((part) => part !== '').join(' ');
  return name !== '' ? name : values.company;
}

/** Lower-case, diacritics-free, single-spaced form of a name: "Jürgen  MÜLLER" → "jurgen muller". */
export function nameKey(displayName: string): string {
  return displayName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The numbers of a contact as the directory entry stores them. */
export function contactNumbers(values: ContactValues): { kind: NumberKind; number: string }[] {
  const numbers: { kind: NumberKind; number: string }[] = [];
  for (const [field, kind] of CONTACT_NUMBER_FIELDS) {
    if (values[field] !== '') numbers.push({ kind, number: values[field] });
  }
  return numbers;
}
