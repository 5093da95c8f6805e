import type { CountryCode } from 'libphonenumber-js';
import { parseTelephonyUri } from '../links/parse-telephony-uri';
import { parseDialTarget, type DialTargetKind } from '../../../../../src-preload/contract/calls/dial-target';
import { assertNever } from '../../../../../src-preload/contract/platform/assert-never';

/** Why selected text gives no number. The UI shows `hotkey.selection.<reason>`. */
export type SelectionError =
  /** nothing selected (or only spaces) */
  | 'empty'
  /** more than {@link MAX_SELECTION_LENGTH} characters selected */
  | 'too-long'
  /** no run of digits that looks like a phone number */
  | 'no-number'
  /** a number-like run was found but cannot be dialed (impossible number, too many digits) */
  | 'invalid-number';

export type SelectionNumber =
  | {
      ok: true;
      /** canonical dial string: pass it to `calls.dial` (parseDialTarget accepts it) */
      number: string;
      /** human form to show before dialing */
      display: string;
      kind: DialTargetKind;
      /** the part of the selection the number came from */
      matched: string;
      /** how it was found */
      source: 'link' | 'vanity' | 'text';
    }
  | { ok: false; reason: SelectionError; message: string };

export interface SelectionToNumberOptions {
  /** country for national numbers (e.g. 'FR' makes "01 23 45 67 89" → +33123456789) */
  defaultRegion?: CountryCode;
}

/** Selections longer than this are refused: the user selected a page, not a number. */
export const MAX_SELECTION_LENGTH = 2_000;
/** At most this many number-like runs are tried (bounded work). */
const MAX_RUNS = 20;

/** ITU-T E.161 keypad letters (Q on 7, Z on 9). */
const E161: Record<string, string> = {};
for (const [digit, letters] of [
  ['2', 'ABC'],
  ['3', 'DEF'],
  ['4', 'GHI'],
  ['5', 'JKL'],
  ['6', 'MNO'],
  ['7', 'PQRS'],
  ['8', 'TUV'],
  ['9', 'WXYZ'],
] as const) {
  for (const letter of letters) E161[letter] = digit;
}

/**
 * A vanity number as a whole selection: "+"/digits first (at least 3 digits before
 * the first letter), then UPPER-CASE letters mixed with digits and separators
 * ("1-800-FLOWERS", "0800 GO PIZZA 2"). Upper case only, so that "123 Main Street"
 * is an address, not a number. Two linear checks (no nested quantifiers).
 */
function isVanity(text: string): boolean {
  const firstLetter = text.search(/[A-Za-z]/);
  if (firstLetter <= 0) return false;
  const prefix = text.slice(0, firstLetter);
  return (
    /^\+?[\d \-.()/]+$/.test(prefix) &&
    prefix.replace(/\D/g, '').length >= 3 &&
    /^[A-Z][A-Z\d \-.]*$/.test(text.slice(firstLetter))
  );
}
/** One phone-like run: optional "+", digits with separators, ending in a digit. */
const RUN = /\+?\(?\d(?:[\d \-.()/]*\d)?/g;
/** Runs that are dates or times, not numbers: 22.11.2026, 2026-11-22, 12/31/99, 10.30. */
const DATE_OR_TIME = /^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}[.:]\d{2})$/;

/**
 * Turns selected text into a dialable number (SPEC G2), or says why not.
 *
 * 1. NFKC (full-width digits, no-break spaces), invisible format characters
 *    (zero-width, bidi marks from web pages) removed, trimmed.
 * 2. A whole `tel:`/`callto:`/`sip:` link → parseTelephonyUri.
 * 3. The whole selection, if parseDialTarget accepts it as it is ("*21#", "101").
 * 4. A whole vanity number → letters to digits per ITU-T E.161.
 * 5. Otherwise the first phone-like run in the text ("Tel.: +49 (89) 7007-98765",
 *    "call 0612 345 678 today", several lines → the first line with one), skipping
 *    dates/times and runs of a single digit, that parseDialTarget accepts.
 */
export function selectionToNumber(selection: unknown, options: SelectionToNumberOptions = {}): SelectionNumber {
  if (typeof selection !== 'string') return refuse('empty');
  if (selection.length > MAX_SELECTION_LENGTH) return refuse('too-long');
  // Cf: zero-width and bidi marks (copied from web pages) would split a number; drop them.
  const text = selection
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .trim();
  if (text === '') return refuse('empty');
  const dialOptions = options.defaultRegion !== undefined ? { defaultRegion: options.defaultRegion } : {};

  if (/^(?:tel|callto|sips?):\S+$/i.test(text)) {
    const link = parseTelephonyUri(text);
    if (link.ok) return found(link.number, link.display, link.kind, text, 'link');
    // sip: user@host with parameters that parseTelephonyUri refuses is not retried as text.
    return refuse('invalid-number', `The selected link cannot be dialed: ${link.message}`);
  }

  // The whole selection as typed ("*21#", "101", "+33 1 23 45 67 89").
  const whole = parseDialTarget(text, dialOptions);
  if (whole.ok) return found(whole.canonical, whole.display, whole.kind, text, 'text');

  if (isVanity(text)) {
    const digits = text.replace(/[A-Z]/g, (letter) => E161[letter] ?? letter);
    const target = parseDialTarget(digits, dialOptions);
    if (target.ok) return found(target.canonical, target.display, target.kind, text, 'vanity');
    return refuse('invalid-number');
  }

  let tried = 0;
  let sawRun = false;
  for (const match of text.matchAll(RUN)) {
    if (tried++ >= MAX_RUNS) break;
    const run = match[0].trim();
    if (DATE_OR_TIME.test(run) || run.replace(/\D/g, '').length < 2) continue;
    sawRun = true;
    const target = parseDialTarget(run, dialOptions);
    if (target.ok) return found(target.canonical, target.display, target.kind, run, 'text');
  }
  return refuse(sawRun ? 'invalid-number' : 'no-number');
}

function found(
  number: string,
  display: string,
  kind: DialTargetKind,
  matched: string,
  source: 'link' | 'vanity' | 'text',
): SelectionNumber {
  return { ok: true, number, display, kind, matched, source };
}

function refuse(reason: SelectionError, message = selectionMessageFor(reason)): SelectionNumber {
  return { ok: false, reason, message };
}

/** English text of each reason (the renderer has `hotkey.selection.<reason>` in EN and FR). */
export function selectionMessageFor(reason: SelectionError): string {
  switch (reason) {
    case 'empty':
      return 'No text is selected. Select a phone number, then press the hotkey.';
    case 'too-long':
      return `The selection is too long (more than ${MAX_SELECTION_LENGTH} characters). Select only the number.`;
    case 'no-number':
      return 'The selected text contains no phone number.';
    case 'invalid-number':
      return 'The selected number cannot be dialed.';
    default:
      return assertNever(reason, 'Unknown selection error');
  }
}
