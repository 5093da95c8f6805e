/**
 * Personal contact form fields (SPEC C4): conversion from a directory entry,
 * local validation (clear messages before anything is sent) and the minimal
 * patch for an update (the server merges per field, last writer wins).
 */
import {
  CONTACT_FIELD_MAX_LENGTH,
  CONTACT_FIELD_NAMES,
  CONTACT_NUMBER_FIELDS,
  isEmailAddress,
  type ContactFieldName,
} from '../../../../src-preload/contract/directory';
import type { ContactFieldsInput, DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';

/** A field the form leaves out: `other` numbers are kept as they are, not edited here. */
type NotInForm = 'other';
export type ContactFormField = Exclude<ContactFieldName, NotInForm>;
const inForm = (field: ContactFieldName): field is ContactFormField => field !== 'other';

/** The fields the form edits, in display order: the contract's fields but `other`. */
export const CONTACT_FORM_FIELDS: readonly ContactFormField[] = CONTACT_FIELD_NAMES.filter(inForm);
export type ContactFormValues = Record<ContactFormField, string>;

export type ContactFieldError = 'name-required' | 'invalid-email' | 'invalid-number' | 'too-long';

/** The form's number fields and the number kind each one shows. */
const NUMBER_FIELDS = CONTACT_NUMBER_FIELDS.flatMap(([field, kind]) => (inForm(field) ? [[field, kind] as const] : []));
/** canonical or dialable number: digits with + ( ) / - : ; . and spaces (SPEC C5) */
const NUMBER_PATTERN = /^\+?[\d\s()/\-:;.]+$/;

export function emptyContactValues(): ContactFormValues {
  return Object.fromEntries(CONTACT_FORM_FIELDS.map((field) => [field, ''])) as ContactFormValues;
}

/** Form values of an existing entry (first number of each kind). */
export function contactValuesFromEntry(entry: DirectoryEntryView): ContactFormValues {
  const values: ContactFormValues = {
    ...emptyContactValues(),
    firstName: entry.firstName ?? '',
    lastName: entry.lastName ?? '',
    company: entry.company ?? '',
    email: entry.email ?? '',
  };
  for (const [field, kind] of NUMBER_FIELDS) values[field] = entry.numbers.find((n) => n.kind === kind)?.number ?? '';
  return values;
}

/** Per-field errors; empty object = valid. */
export function validateContact(values: ContactFormValues): Partial<Record<ContactFormField, ContactFieldError>> {
  const errors: Partial<Record<ContactFormField, ContactFieldError>> = {};
  for (const field of CONTACT_FORM_FIELDS) {
    if (values[field].trim().length > CONTACT_FIELD_MAX_LENGTH[field]) errors[field] = 'too-long';
  }
  if (!values.firstName.trim() && !values.lastName.trim() && !values.company.trim()) {
    errors.lastName ??= 'name-required';
  }
  const email = values.email.trim();
  if (email && !isEmailAddress(email)) errors.email ??= 'invalid-email';
  for (const [field] of NUMBER_FIELDS) {
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
