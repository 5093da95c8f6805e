import { cleanContactFields, contactDisplayName, type ContactValues } from '../contacts/contact-values';
import type { CanonicalNumberOptions } from '../canonical-number';
import type { ImportRecord } from './read-import-file';

/** Result of {@link recordValues}: clean values, or why the row is skipped. */
export type RecordValuesResult = { ok: true; values: ContactValues } | { ok: false; reason: string };

/**
 * The contact values of an import row: a whole "name" is split into first
 * and last name (last word = last name) when those columns are empty; numbers
 * canonical; e-mail checked. Rows without any name are skipped.
 */
export function recordValues(record: ImportRecord, opts: CanonicalNumberOptions = {}): RecordValuesResult {
  const { name, ...fields } = record.fields;
  if (fields.firstName === undefined && fields.lastName === undefined && name !== undefined) {
    const parts = name.trim().split(/\s+/);
    const last = parts.pop() ?? '';
    if (parts.length > 0) fields.firstName = parts.join(' ');
    fields.lastName = last;
  }
  const cleaned = cleanContactFields(fields, opts);
  if (!cleaned.ok) return { ok: false, reason: cleaned.reason };
  const values: ContactValues = {
    firstName: '',
    lastName: '',
    company: '',
    email: '',
    business: '',
    mobile: '',
    private: '',
    other: '',
    ...cleaned.values,
  };
  if (contactDisplayName(values) === '') return { ok: false, reason: 'no name (first name, last name or company)' };
  return { ok: true, values };
}
