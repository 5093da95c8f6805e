import {
  CONTACT_FIELD_NAMES,
  CONTACT_NUMBER_FIELDS,
  cleanContactText,
  contactDisplayName,
  isEmailAddress,
  type ContactFieldName,
  type ContactFields,
  type NumberKind,
} from '../../../../../src-preload/contract/directory';
import { canonicalNumber, type CanonicalNumberOptions } from '../canonical-number';

// The field list, the number fields, the e-mail check and the display name are the contract's
// (one definition with the engine and the renderer); re-exported for the server's callers.
export { CONTACT_FIELD_NAMES, CONTACT_NUMBER_FIELDS, contactDisplayName };

/** The editable fields of a personal contact, cleaned (trimmed, numbers canonical). '' = unset. */
export type ContactValues = Record<ContactFieldName, string>;

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
    values[name] = cleanContactText(raw);
  }
  if (values.email !== undefined && values.email !== '' && !isEmailAddress(values.email)) {
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
