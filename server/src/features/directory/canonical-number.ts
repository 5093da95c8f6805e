import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Result of {@link canonicalNumber}: the stored form, or why the input is not a phone number. */
export type CanonicalNumberResult = { ok: true; number: string } | { ok: false; reason: string };

/** Options of {@link canonicalNumber}. */
export interface CanonicalNumberOptions {
  /** Country of national numbers written without "+"/"00" (e.g. 'DE': "089 7007-98765"). */
  defaultRegion?: CountryCode;
}

/** Longest input considered at all (bounds the parsing cost of hostile files). */
const MAX_NUMBER_INPUT = 64;

/**
 * Canonical stored form of a directory number (SPEC C5):
 * - internal short numbers (2–8 digits, not starting with "00") and service
 *   codes (`*…`, `#…`) are kept as compact digits: "1 01" → "101";
 * - international numbers ("+49 (89) 7007-98765", "0049 89 700798765") become
 *   libphonenumber's international format "+49 89 700798765";
 * - national numbers of 9+ digits use `defaultRegion` when given; without it they
 *   are kept as compact digits, because guessing a country would corrupt them.
 *
 * Accepted separators: space, `-`, `.`, `(`, `)`, `/` (and `:`/`;` which SPEC C5 allows).
 * Only "possible" numbers are accepted (right length for the country): finer
 * validity patterns are not checked so stale metadata never rejects a real number.
 */
export function canonicalNumber(input: string, opts: CanonicalNumberOptions = {}): CanonicalNumberResult {
  const text = input.normalize('NFKC').trim();
  if (text === '') return { ok: false, reason: 'empty number' };
  if (text.length > MAX_NUMBER_INPUT) return { ok: false, reason: `number too long: "${text.slice(0, 20)}…"` };
  if (!/^[0-9+*# \-.()/:;]+$/.test(text)) return { ok: false, reason: `invalid number "${text}"` };
  const compact = text.replace(/[ \-.()/:;]/g, '');
  if (!/\d/.test(compact)) return { ok: false, reason: `invalid number "${text}"` };

  if (compact.includes('+')) {
    if (compact.lastIndexOf('+') !== 0) return { ok: false, reason: `invalid number "${text}"` };
    return international(compact.slice(1), text);
  }
  if (/[*#]/.test(compact)) {
    if (!/^[*#][0-9*#]+$/.test(compact)) return { ok: false, reason: `invalid number "${text}"` };
    return { ok: true, number: compact };
  }
  // "00" is the international prefix (ITU-T E.164), never an extension.
  if (compact.startsWith('00')) return international(compact.slice(2), text);
  if (compact.length < 2) return { ok: false, reason: `invalid number "${text}"` };
  if (compact.length <= 8) return { ok: true, number: compact };
  if (compact.length > 17) return { ok: false, reason: `number too long: "${text}"` };
  if (opts.defaultRegion === undefined) return { ok: true, number: compact };
  const parsed = parsePhoneNumberFromString(compact, opts.defaultRegion);
  if (parsed === undefined || !parsed.isPossible()) return { ok: false, reason: `invalid number "${text}"` };
  return { ok: true, number: parsed.formatInternational() };
}

function international(digits: string, text: string): CanonicalNumberResult {
  if (!/^\d+$/.test(digits)) return { ok: false, reason: `invalid number "${text}"` };
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (parsed === undefined || !parsed.isPossible()) return { ok: false, reason: `invalid number "${text}"` };
  return { ok: true, number: parsed.formatInternational() };
}
