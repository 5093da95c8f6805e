/**
 * Personal contact form fields (SPEC C4): conversion from a directory entry,
 * local validation (clear messages before anything is sent) and the minimal
 * patch for an update (the server merges per field, last writer wins).
 */
import type { ContactFieldsInput, DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';

/** The fields the form edits, in display order. */
export const CONTACT_FORM_FIELDS = [
  'firstName',
  'lastName',
  'company',
  'email',
  'business',
  'mobile',
  'private',
] as const satisfies readonly (keyof ContactFieldsInput)[];
export type ContactFormField = (typeof CONTACT_FORM_FIELDS)[number];
export type ContactFormValues = Record<ContactFormField, string>;

export type ContactFieldError = 'name-required' | 'invalid-email' | 'invalid-number' | 'too-long';

const MAX_LENGTH: Record<ContactFormField, number> = {
  firstName: 100,
  lastName: 100,
  company: 200,
  email: 254,
  business: 64,
  mobile: 64,
  private: 64,
};
const NUMBER_FIELDS: readonly ContactFormField[] = ['business', 'mobile', 'private'];
/** canonical or dialable number: digits with + ( ) / - : ; . and spaces (SPEC C5) */
const NUMBER_PATTERN = /^\+?[\d\s()/\-:;.]+$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emptyContactValues(): ContactFormValues {
  return { firstName: '', lastName: '', company: '', email: '', business: '', mobile: '', private: '' };
}

/** Form values of an existing entry (first number of each kind). */
export function contactValuesFromEntry(entry: DirectoryEntryView): ContactFormValues {
  const number = (kind: 'business' | 'mobile' | 'private') => entry.numbers.find((n) => n.kind === kind)?.number ?? '';
  return {
    firstName: entry.firstName ?? '',
    lastName: entry.lastName ?? '',
    company: entry.company ?? '',
    email: entry.email ?? '',
    business: number('business'),
    mobile: number('mobile'),
    private: number('private'),
  };
}

/** Per-field errors; empty object = valid. */
export function validateContact(values: ContactFormValues): Partial<Record<ContactFormField, ContactFieldError>> {
  const errors: Partial<Record<ContactFormField, ContactFieldError>> = {};
  for (const field of CONTACT_FORM_FIELDS) {
    if (values[field].trim().length > MAX_LENGTH[field]) errors[field] = 'too-long';
  }
  if (!values.firstName.trim() && !values.lastName.trim() && !values.company.trim()) {
    errors.lastName ??= 'name-required';
  }
  const email = values.email.trim();
  if (email && !EMAIL_PATTERN.test(email)) errors.email ??= 'invalid-email';
  for (const field of NUMBER_FIELDS) {
    const value = values[field].trim();
    if (value && (!NUMBER_PATTERN.test(value) || !/\d/.test(value))) errors[field] ??= 'invalid-number';
  }
  return errors;
}

/** All non-empty fields, trimmed (for a create). */
export function contactFieldsForCreate(values: ContactFormValues): ContactFieldsInput {
  const fields: ContactFieldsInput = {};
  for (const field of CONTACT_FORM_FIELDS) {
    const value = values[field].trim();
    if (value) fields[field] = value;
  }
  return fields;
}

/** Only the fields that changed, trimmed; a cleared field is sent as '' (for an update). */
export function contactFieldsForUpdate(initial: ContactFormValues, values: ContactFormValues): ContactFieldsInput {
  const fields: ContactFieldsInput = {};
  for (const field of CONTACT_FORM_FIELDS) {
    const value = values[field].trim();
    if (value !== initial[field].trim()) fields[field] = value;
  }
  return fields;
}

// one definition, shared with the avatars
export { initialsOf } from '../../platform/format';
