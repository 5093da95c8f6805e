import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** What kind of destination the user typed. */
export type DialTargetKind =
  /** a PBX extension (2–8 digits) or a `*`/`#` service code; routed by the server */
  | 'internal'
  /** a public phone number; E.164 (`+33…`) when the country is known */
  | 'external'
  /** a full `sip:user@host` URI */
  | 'sip-uri';

/**
 * Dial targets (SPEC C2, C5, F1): the one rule for what can be dialed. It
 * lives in the contract because both sides apply it — the renderer when it
 * offers "Call …" under the Search/Dial field, the engine when it dials (and
 * for links, the hotkey, transfers, contacts). Both show the same message per
 * {@link DialTargetError} (`dial.invalid.<reason>`; the engine's refusal is
 * `invalid-number` with the reason in `IpcError.details[0]`).
 */

/** Why an input cannot be dialed. */
export type DialTargetError =
  /** nothing but whitespace */
  | 'empty'
  /** letters (outside a sip: URI), control or invisible characters, unknown symbols */
  | 'invalid-characters'
  /** more than {@link MAX_DIAL_DIGITS} digits, or an absurdly long input */
  | 'too-long'
  /** only allowed characters but not a dialable shape (e.g. "++33", "1", "sip:@host", an impossible +number) */
  | 'invalid-number';

/** Every {@link DialTargetError}, for code that checks them at run time (i18n keys, IpcError.details). */
export const DIAL_TARGET_ERRORS = {
  empty: true,
  'invalid-characters': true,
  'too-long': true,
  'invalid-number': true,
} satisfies Record<DialTargetError, true>;

export function isDialTargetError(value: unknown): value is DialTargetError {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DIAL_TARGET_ERRORS, value);
}

/** A dialable target. */
export interface DialTarget {
  ok: true;
  /**
   * What goes on the wire: for `internal`/`external`, the user part of the
   * request-URI, already escaped (RFC 3261 §25.1 does not allow `#` in a user
   * part, so `*21#` becomes `*21%23`); for `sip-uri`, the whole URI.
   */
  target: string;
  /** Human form for the UI (e.g. "+33 1 23 45 67 89", "*21#", "alice@example.com"). */
  display: string;
  /**
   * Normalised unescaped form, stable across spellings ("+33 1 23…" and
   * "0033123…" both give "+33123456789"): use it for recent dials and the journal peer.
   */
  canonical: string;
  kind: DialTargetKind;
}

/** Result of {@link parseDialTarget}. */
export type ParseDialTargetResult = DialTarget | { ok: false; reason: DialTargetError };

/** Options of {@link parseDialTarget}. */
export interface ParseDialTargetOptions {
  /**
   * Country for national numbers of 9+ digits without `+`/`00` (e.g. 'FR': "01 23 45 67 89"
   * → "+33123456789"). Without it such numbers are dialed as typed (digits only).
   */
  defaultRegion?: CountryCode;
}

/** Most digits accepted in one dial string. */
export const MAX_DIAL_DIGITS = 32;
/** Inputs longer than this are refused before any other work (bounds the cost of parsing). */
export const MAX_DIAL_INPUT_LENGTH = 256;

const fail = (reason: DialTargetError): ParseDialTargetResult => ({ ok: false, reason });

/**
 * Turns what the user typed or pasted into something to dial, or says why not.
 *
 * Accepted (after Unicode NFKC normalisation — full-width digits, no-break
 * spaces — and trimming):
 * - internal extensions, 2–8 digits not starting with "00": "101", "10 01";
 * - service codes starting with `*` or `#`, digits/`*`/`#` after: "*21#", "#31#0612";
 * - international numbers with `+` or `00`: "+33 1 23 45 67 89", "0033 (0)1 23 45 67 89"
 *   → target "+33123456789" (must be a *possible* number for its country per
 *   libphonenumber-js: right length; we do not reject on the finer "valid" patterns
 *   because stale metadata must never block a real call);
 * - national numbers of 9–32 digits (E.164 via `defaultRegion` when given);
 * - `sip:user@host[:port]` with user `[A-Za-z0-9._~+-]`, host a domain name or IPv4.
 *
 * Visual separators between digits: space, `-`, `.`, `(`, `)`, `/`.
 * Everything else is refused: letters (vanity numbers too), control and
 * invisible characters (`\n`, zero-width, bidi marks), more than 32 digits.
 */
export function parseDialTarget(input: string, opts: ParseDialTargetOptions = {}): ParseDialTargetResult {
  if (typeof input !== 'string') return fail('invalid-characters');
  if (input.length > MAX_DIAL_INPUT_LENGTH) return fail('too-long');
  const text = input.normalize('NFKC').trim();
  if (text === '') return fail('empty');
  // Cc: control (\n, \t, NUL…), Cf: format (zero-width, bidi), Zl/Zp: line/paragraph separators.
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text)) return fail('invalid-characters');
  if (/^sip:/i.test(text)) return parseSipUri(text);
  return parsePhone(text, opts.defaultRegion);
}

function parsePhone(text: string, defaultRegion: CountryCode | undefined): ParseDialTargetResult {
  if (!/^[0-9+*# \-.()/]+$/.test(text)) return fail('invalid-characters');
  const digitCount = text.replace(/\D/g, '').length;
  if (digitCount > MAX_DIAL_DIGITS) return fail('too-long');
  const compact = text.replace(/[ \-.()/]/g, '');
  if (!/\d/.test(compact)) return fail('invalid-number');

  if (compact.includes('+')) {
    if (compact.lastIndexOf('+') !== 0) return fail('invalid-number'); // "++33", "33+1"
    return international(compact.slice(1));
  }
  if (/[*#]/.test(compact)) {
    // Service codes start with * or # (GSM/PBX style); "12#3" is not one.
    if (!/^[*#][0-9*#]+$/.test(compact)) return fail('invalid-number');
    return { ok: true, kind: 'internal', target: compact.replaceAll('#', '%23'), display: compact, canonical: compact };
  }
  // "00" is the international prefix (ITU-T E.164 recommended); never an extension.
  if (compact.startsWith('00')) return international(compact.slice(2));
  if (compact.length < 2) return fail('invalid-number');
  if (compact.length <= 8) return { ok: true, kind: 'internal', target: compact, display: compact, canonical: compact };

  if (defaultRegion !== undefined) {
    const number = parsePhoneNumberFromString(compact, defaultRegion);
    if (number === undefined || !number.isPossible()) return fail('invalid-number');
    return external(number.number, number.formatInternational());
  }
  return external(compact, compact);
}

/** `digits`: what follows "+" or "00", digits only expected. */
function international(digits: string): ParseDialTargetResult {
  if (!/^\d+$/.test(digits)) return fail('invalid-number');
  // libphonenumber also drops a trunk "0" after the country code ("+33 (0)1…").
  const number = parsePhoneNumberFromString(`+${digits}`);
  if (number === undefined || !number.isPossible()) return fail('invalid-number');
  return external(number.number, number.formatInternational());
}

function external(e164OrDigits: string, display: string): DialTarget {
  return { ok: true, kind: 'external', target: e164OrDigits, display, canonical: e164OrDigits };
}

function parseSipUri(text: string): ParseDialTargetResult {
  const match = /^sip:([^@]*)@(.*)$/i.exec(text);
  if (match === null) return fail('invalid-number'); // "sip:", "sip:alice"
  const [, user = '', hostPort = ''] = match;
  if (user === '' || hostPort === '') return fail('invalid-number');
  if (!/^[A-Za-z0-9._~+-]+$/.test(user)) return fail('invalid-characters');
  if (user.length > 64) return fail('too-long');
  if (user.replace(/\D/g, '').length > MAX_DIAL_DIGITS) return fail('too-long');

  const hostMatch = /^([^:]*)(?::(\d{1,5}))?$/.exec(hostPort);
  if (hostMatch === null) {
    return fail(/^[A-Za-z0-9.:-]+$/.test(hostPort) ? 'invalid-number' : 'invalid-characters');
  }
  const [, rawHost = '', port] = hostMatch;
  if (!/^[A-Za-z0-9.-]+$/.test(rawHost)) return fail(rawHost === '' ? 'invalid-number' : 'invalid-characters');
  const host = rawHost.toLowerCase();
  if (!isHostName(host)) return fail('invalid-number');
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return fail('invalid-number');

  const authority = port === undefined ? host : `${host}:${Number(port)}`;
  const uri = `sip:${user}@${authority}`;
  return { ok: true, kind: 'sip-uri', target: uri, display: `${user}@${authority}`, canonical: uri };
}

/** A DNS name (RFC 1123 labels) or a dotted-quad IPv4 address. */
function isHostName(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.split('.');
  if (labels.every((label) => /^\d+$/.test(label))) {
    // All-numeric: only an IPv4 address makes sense (no TLD is numeric).
    return labels.length === 4 && labels.every((label) => /^(0|[1-9]\d{0,2})$/.test(label) && Number(label) <= 255);
  }
  return labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
}
