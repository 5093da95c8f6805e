/**
 * The fields of a personal contact (SPEC C4): names, display order, length
 * limits, which ones hold numbers (and of which kind), the e-mail check and
 * how text is cleaned. One definition for the UC server (which stores and
 * canonicalizes them), the engine (which checks before queueing a change) and
 * the renderer (the contact form).
 */
import { z } from 'zod';
import type { NumberKind } from './directory-model';

/** Field names of a personal contact, in display order. */
export const CONTACT_FIELD_NAMES = [
  'firstName',
  'lastName',
  'company',
  'email',
  'business',
  'mobile',
  'private',
  'other',
] as const;
export type ContactFieldName = (typeof CONTACT_FIELD_NAMES)[number];

/** Longest value of each field, in characters. */
export const CONTACT_FIELD_MAX_LENGTH = {
  firstName: 100,
  lastName: 100,
  company: 200,
  email: 254,
  business: 64,
  mobile: 64,
  private: 64,
  other: 64,
} as const satisfies Record<ContactFieldName, number>;

/** The number fields and the number kind each one stores. */
export const CONTACT_NUMBER_FIELDS = [
  ['business', 'business'],
  ['mobile', 'mobile'],
  ['private', 'private'],
  ['other', 'other'],
] as const satisfies readonly (readonly [ContactFieldName, NumberKind])[];

const text = (field: ContactFieldName) => z.string().max(CONTACT_FIELD_MAX_LENGTH[field]).optional();

/**
 * Editable fields of a personal contact. Flat on purpose: the conflict rule
 * is "server authoritative, last writer wins per field", so a PATCH carries
 * only the fields the user changed.
 */
export const contactFieldsSchema = z.strictObject({
  firstName: text('firstName'),
  lastName: text('lastName'),
  company: text('company'),
  email: text('email'),
  business: text('business'),
  mobile: text('mobile'),
  private: text('private'),
  other: text('other'),
});
export type ContactFields = z.infer<typeof contactFieldsSchema>;

// Pragmatic address check (RFC 5322 is far wider): one "@", no spaces, a dot in the domain.
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether `value` looks like an e-mail address (see {@link EMAIL_PATTERN}). */
export function isEmailAddress(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}

/** A field value as it is stored: NFC, runs of white space made one space, trimmed. */
export function cleanContactText(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The display name of a contact: "First Last", else the company; '' when it has no name. */
export function contactDisplayName(values: {
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
}): string {
  const name = [values.firstName, values.lastName].filter((part) => part !== '').join(' ');
  return name !== '' ? name : values.company;
}
