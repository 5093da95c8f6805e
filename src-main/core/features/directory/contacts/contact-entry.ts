import type { ContactFieldsInput, DirectoryEntryView } from '../../../../../src-preload/contract/ipc-contract';
import {
  CONTACT_FIELD_NAMES,
  CONTACT_NUMBER_FIELDS,
  cleanContactText,
  contactDisplayName,
  isEmailAddress,
  type ContactFieldName,
  type ContactFields,
} from '../../../../../src-preload/contract/directory/contact-fields';
import type { DirectoryEntry } from '../../../../../src-preload/contract/directory/directory-http';
import type { NumberKind } from '../../../../../src-preload/contract/directory/directory-model';
import { parseDialTarget } from '../../../../../src-preload/contract/calls/dial-target';

/** Field names of a personal contact, in display order (the contract's one definition). */
export const CONTACT_FIELDS = CONTACT_FIELD_NAMES;

export type { ContactFieldName };
type ContactValues = Record<ContactFieldName, string>;

/** The number fields (each stores numbers of the kind of the same name). */
const NUMBER_FIELDS = CONTACT_NUMBER_FIELDS.map(([field]) => field) as readonly (ContactFieldName & NumberKind)[];

/** Thrown for a contact field the server would refuse (bad number or e-mail): nothing is stored. */
export class InvalidContactError extends Error {
  constructor(
    readonly field: ContactFieldName,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidContactError';
  }
}

/**
 * Trims the given fields and canonicalizes the numbers (SPEC C5, with the
 * dial-target rules the rest of the client uses). Only fields present in
 * `input` are returned; '' clears a field.
 * @throws InvalidContactError
 */
export function cleanContactFields(input: ContactFieldsInput): ContactFields {
  const out: ContactFields = {};
  for (const name of CONTACT_FIELDS) {
    const raw = input[name];
    if (raw === undefined) continue;
    let value = cleanContactText(raw);
    if (name === 'email' && value !== '' && !isEmailAddress(value)) {
      throw new InvalidContactError(name, `email: "${value.slice(0, 64)}" is not an e-mail address`);
    }
    if ((NUMBER_FIELDS as readonly string[]).includes(name) && value !== '') {
      const parsed = parseDialTarget(value);
      if (!parsed.ok || parsed.kind === 'sip-uri') {
        throw new InvalidContactError(name, `${name}: "${value.slice(0, 64)}" is not a valid phone number`);
      }
      value = parsed.canonical;
    }
    out[name] = value;
  }
  return out;
}

/** The editable values of a cached personal contact ('' for unset fields). */
export function contactValuesOf(entry: DirectoryEntryView | DirectoryEntry): ContactValues {
  const firstNumber = (kind: NumberKind) => entry.numbers.find((n) => n.kind === kind)?.number ?? '';
  return {
    firstName: entry.firstName ?? '',
    lastName: entry.lastName ?? '',
    company: entry.company ?? '',
    email: entry.email ?? '',
    business: firstNumber('business'),
    mobile: firstNumber('mobile'),
    private: firstNumber('private'),
    other: firstNumber('other'),
  };
}

/** The fields of `cleaned` whose value differs from `entry` (what a PATCH must carry). */
export function changedFields(entry: DirectoryEntryView | DirectoryEntry, cleaned: ContactFields): ContactFields {
  const current = contactValuesOf(entry);
  const out: ContactFields = {};
  for (const name of CONTACT_FIELDS) {
    const value = cleaned[name];
    if (value === undefined) continue;
    // "+33 1 23…" (server format) and "+33123…" (ours) are the same number.
    const same = (NUMBER_FIELDS as readonly string[]).includes(name)
      ? compactNumber(value) === compactNumber(current[name])
      : value === current[name];
    if (!same) out[name] = value;
  }
  return out;
}

function compactNumber(value: string): string {
  return value.replace(/[^0-9+*#]/g, '');
}

/**
 * The directory entry a personal contact has locally until the server's
 * version arrives (same rules as the server: "First Last", else the company;
 * then the first number or the e-mail so the entry is never nameless).
 */
export function buildPersonalEntry(
  id: string,
  base: DirectoryEntryView | DirectoryEntry | undefined,
  fields: ContactFields,
  now: number,
): DirectoryEntry {
  const v: ContactValues = { ...(base ? contactValuesOf(base) : emptyValues()), ...definedOnly(fields) };
  const numbers: { kind: NumberKind; number: string }[] = NUMBER_FIELDS.filter((k) => v[k] !== '').map((kind) => ({
    kind,
    number: v[kind],
  }));
  // Keep extra numbers of the same kind the server may hold (only the first of each kind is editable).
  if (base) {
    for (const kind of NUMBER_FIELDS) {
      numbers.push(...base.numbers.filter((n) => n.kind === kind).slice(1));
    }
  }
  const displayName = contactDisplayName(v) || numbers[0]?.number || v.email;
  const entry: DirectoryEntry = {
    id,
    source: 'personal',
    displayName,
    numbers,
    handEdited: true,
    updatedAt: now,
  };
  if (v.firstName) entry.firstName = v.firstName;
  if (v.lastName) entry.lastName = v.lastName;
  if (v.company) entry.company = v.company;
  if (v.email) entry.email = v.email;
  if (base?.photoUrl) entry.photoUrl = base.photoUrl;
  return entry;
}

/** A cache view without its client-only flag, as stored in the outbox. */
export function toDirectoryEntry(view: DirectoryEntryView): DirectoryEntry {
  const { pendingSync: _pending, ...entry } = view;
  return entry;
}

function emptyValues(): ContactValues {
  return { firstName: '', lastName: '', company: '', email: '', business: '', mobile: '', private: '', other: '' };
}

function definedOnly(fields: ContactFields): Partial<ContactValues> {
  const out: Partial<ContactValues> = {};
  for (const name of CONTACT_FIELDS) {
    const value = fields[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
