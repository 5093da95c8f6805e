import { parseDialTarget, type DialTargetKind } from '../../../../../src-preload/contract/calls/dial-target';
import { assertNever } from '../../../../../src-preload/contract/platform/assert-never';

/** Schemes the app handles (SPEC G1). */
export type TelephonyScheme = 'tel' | 'callto' | 'sip' | 'sips';

/**
 * Why a link is refused. The renderer shows `links.error.<reason>` (EN/FR);
 * {@link TelephonyUriRefusal.message} is the English text for logs and the shell.
 */
export type TelephonyUriError =
  /** empty string or not a string */
  | 'empty'
  /** longer than {@link MAX_TELEPHONY_URI_LENGTH} */
  | 'too-long'
  /** control, format (zero-width, bidi) or line-separator characters, NUL, newline */
  | 'control-characters'
  /** a space of any kind (RFC 3966 has no place for one) */
  | 'whitespace'
  /** starts with "-": looks like a command-line switch (CVE-2018-1000006 class) */
  | 'switch-like'
  /** non-ASCII or otherwise unexpected characters */
  | 'invalid-characters'
  /** not tel:, callto:, sip: or sips: (javascript:, file:, http:, no scheme…) */
  | 'unsupported-scheme'
  /** the number part does not follow the grammar (tel: global/local number, callto: number) */
  | 'invalid-number'
  /** a tel: local number without `;phone-context=` (RFC 3966 §5.1.5) */
  | 'missing-phone-context'
  /** `;phone-context=` that is neither a domain name nor `+digits`, or on a global number */
  | 'invalid-phone-context'
  /** `;ext=` without digits or with other characters */
  | 'invalid-extension'
  /** `;isub=` that is not `1*uric` */
  | 'invalid-isdn-subaddress'
  /** `;ext=`, `;isub=` or `;phone-context=` given twice */
  | 'duplicate-parameter'
  /** an empty or malformed `;name=value` parameter */
  | 'invalid-parameter'
  /** a `%` not followed by two hex digits, or one that decodes to a hidden character */
  | 'invalid-percent-encoding'
  /** callto: other than a phone number (Skype names, user@host, parameters) */
  | 'unsupported-callto-form'
  /** sip: URI with `?headers` (they could inject Subject, Call-Info… into our INVITE) */
  | 'sip-headers-not-allowed'
  /** sip: without a user, with a password, or with characters outside `[A-Za-z0-9._~+-]` */
  | 'invalid-sip-user'
  /** sip: host that is not a DNS name or IPv4 address (IPv6 literals are not supported) */
  | 'invalid-sip-host'
  /** port outside 1–65535 */
  | 'invalid-port'
  /** grammatical, but nothing we can dial (hex digits in a local number, impossible number) */
  | 'not-dialable';

/** A link that can be dialed. */
export interface TelephonyLink {
  ok: true;
  scheme: TelephonyScheme;
  /** dialable input, accepted by {@link parseDialTarget} (its canonical form: pass it to `calls.dial`) */
  number: string;
  /** human form for the confirmation ("+1 201 555 0123", "7042", "alice@example.com") */
  display: string;
  /** what parseDialTarget made of {@link number} */
  kind: DialTargetKind;
  /** `;ext=` digits, separators removed (dial as DTMF after answer, or show it) */
  extension?: string;
  /** `;isub=` value, percent-decoded (ISDN subaddress: shown, not dialed) */
  isdnSubaddress?: string;
  /** `;phone-context=` value of a tel: local number, as written */
  phoneContext?: string;
  /** the input, unchanged */
  raw: string;
}

/** A refused link. */
export interface TelephonyUriRefusal {
  ok: false;
  reason: TelephonyUriError;
  /** English explanation (logs, shell fallback); the UI uses `links.error.<reason>` */
  message: string;
}

export type ParseTelephonyUriResult = TelephonyLink | TelephonyUriRefusal;

/** Longest link accepted; longer input is refused before any other work. */
export const MAX_TELEPHONY_URI_LENGTH = 512;

// ---------------------------------------------------------------- grammar pieces (RFC 3966 §3)

/** global-number-digits = "+" *phonedigit DIGIT *phonedigit; phonedigit = DIGIT / visual-separator */
const GLOBAL_NUMBER_DIGITS = /^\+[0-9().-]*[0-9][0-9().-]*$/;
/** local-number-digits = *phonedigit-hex (HEXDIG / "*" / "#") *phonedigit-hex */
const LOCAL_NUMBER_DIGITS = /^[0-9A-Fa-f*#().-]*[0-9A-Fa-f*#][0-9A-Fa-f*#().-]*$/;
/** extension = ";ext=" 1*phonedigit — we also want at least one real digit */
const EXTENSION_DIGITS = /^[0-9().-]*[0-9][0-9().-]*$/;
/** visual-separator = "-" / "." / "(" / ")" */
const VISUAL_SEPARATORS = /[().-]/g;
/** pname = 1*( alphanum / "-" ) */
const PNAME = /^[A-Za-z0-9-]+$/;
/** pvalue = 1*paramchar; paramchar = param-unreserved / unreserved / pct-encoded */
const PVALUE = /^(?:[[\]/:&+$A-Za-z0-9\-_.!~*'()]|%[0-9A-Fa-f]{2})+$/;
/** isdn-subaddress value = 1*uric; uric = reserved / unreserved / pct-encoded (";" ends the parameter) */
const URIC_VALUE = /^(?:[/?:@&=+$,A-Za-z0-9\-_.!~*'()]|%[0-9A-Fa-f]{2})+$/;
/** domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum */
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
/** toplabel = ALPHA / ALPHA *( alphanum / "-" ) alphanum */
const TOP_LABEL = /^[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** RFC 3261 §25.1 uri-parameter chars: param-unreserved / unreserved / escaped */
const SIP_PARAM_TOKEN = /^(?:[[\]/:&+$A-Za-z0-9\-_.!~*'()]|%[0-9A-Fa-f]{2})+$/;
/** the subset of SIP user characters parseDialTarget dials */
const SIP_USER = /^[A-Za-z0-9._~+-]{1,64}$/;

/**
 * Parses a `tel:`, `callto:`, `sip:` or `sips:` link strictly, or says why not.
 * Never throws, whatever the input.
 *
 * - **tel:** RFC 3966 (https://www.rfc-editor.org/rfc/rfc3966#section-3):
 *   a global number (`+` digits with visual separators `-` `.` `(` `)`), or a local
 *   number (hex digits, `*`, `#`, separators) that MUST carry `;phone-context=`
 *   (a domain name or `+digits`). `;ext=`, `;isub=`, `;phone-context=` at most once
 *   each; other `;pname[=pvalue]` accepted and ignored; percent-encoding only where the
 *   grammar allows it (parameter values, isub), and never decoding to a hidden character.
 *   A local number with a `+digits` context dials context + number when that is a
 *   possible number, else the local digits (the user confirms what is shown); with a
 *   domain context it dials the local digits. Hex letters in a local number are not dialable.
 * - **callto:** only phone numbers: `callto:+49-89-1234`, `callto://+49-89-1234`,
 *   `callto:101`, `callto://101` (digits, `*`, `#`, visual separators). Skype names,
 *   `user@host`, parameters and percent-encoding are refused (`unsupported-callto-form`):
 *   we have no directory to map them to.
 * - **sip:/sips:** `user@host[:port]` with user `[A-Za-z0-9._~+-]`, host a DNS name or
 *   IPv4; `;uri-parameters` (e.g. `;user=phone`) grammar-checked and ignored; `?headers`
 *   refused. `sips:` dials the same address (our signalling to the server is always TLS).
 *
 * Refused before any of that: non-strings, empty, > 512 chars, control/format/line
 * separator characters (NUL, `\n`, zero-width, bidi), any space, a leading `-`
 * (switch injection), non-ASCII, and any other scheme (`javascript:`, `file:`…).
 * The input is never trimmed: what the OS handed us is what we judge.
 */
export function parseTelephonyUri(input: unknown): ParseTelephonyUriResult {
  if (typeof input !== 'string' || input === '') return refuse('empty');
  if (input.length > MAX_TELEPHONY_URI_LENGTH) return refuse('too-long');
  // Cc: C0/C1 controls incl. NUL, \n, DEL; Cf: zero-width, bidi overrides; Zl/Zp: line separators.
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(input)) return refuse('control-characters');
  if (/\p{Zs}/u.test(input)) return refuse('whitespace');
  if (input.startsWith('-')) return refuse('switch-like');
  if (/[^\x21-\x7e]/.test(input)) return refuse('invalid-characters');

  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(input);
  if (schemeMatch === null) return refuse('unsupported-scheme');
  const scheme = (schemeMatch[1] ?? '').toLowerCase();
  const rest = input.slice(schemeMatch[0].length);
  switch (scheme) {
    case 'tel':
      return parseTel(rest, input);
    case 'callto':
      return parseCallto(rest, input);
    case 'sip':
    case 'sips':
      return parseSip(scheme, rest, input);
    default:
      return refuse('unsupported-scheme', `"${scheme.slice(0, 32)}:" links are not telephony links`);
  }
}

// ---------------------------------------------------------------- tel:

function parseTel(rest: string, raw: string): ParseTelephonyUriResult {
  const [numberPart = '', ...params] = rest.split(';');
  const isGlobal = numberPart.startsWith('+');
  if (isGlobal ? !GLOBAL_NUMBER_DIGITS.test(numberPart) : !LOCAL_NUMBER_DIGITS.test(numberPart)) {
    return refuse('invalid-number');
  }

  let extension: string | undefined;
  let isdnSubaddress: string | undefined;
  let phoneContext: string | undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    const name = (eq === -1 ? param : param.slice(0, eq)).toLowerCase();
    const value = eq === -1 ? undefined : param.slice(eq + 1);
    if (!PNAME.test(name)) return refuse('invalid-parameter');
    switch (name) {
      case 'ext':
        if (extension !== undefined) return refuse('duplicate-parameter', 'the ;ext= parameter appears twice');
        if (value === undefined || !EXTENSION_DIGITS.test(value)) return refuse('invalid-extension');
        extension = value.replace(VISUAL_SEPARATORS, '');
        break;
      case 'isub': {
        if (isdnSubaddress !== undefined) return refuse('duplicate-parameter', 'the ;isub= parameter appears twice');
        if (value === undefined || !URIC_VALUE.test(value)) return refuse('invalid-isdn-subaddress');
        const decoded = percentDecodeVisible(value);
        if (decoded === undefined) return refuse('invalid-percent-encoding');
        isdnSubaddress = decoded;
        break;
      }
      case 'phone-context':
        if (phoneContext !== undefined) {
          return refuse('duplicate-parameter', 'the ;phone-context= parameter appears twice');
        }
        if (value === undefined || !(GLOBAL_NUMBER_DIGITS.test(value) || isDomainName(value))) {
          return refuse('invalid-phone-context');
        }
        phoneContext = value;
        break;
      default:
        // parameter = ";" pname ["=" pvalue]: checked, then ignored.
        if (value !== undefined) {
          if (!PVALUE.test(value)) {
            return refuse(/%(?![0-9A-Fa-f]{2})/.test(value) ? 'invalid-percent-encoding' : 'invalid-parameter');
          }
          if (percentDecodeVisible(value) === undefined) return refuse('invalid-percent-encoding');
        }
    }
  }

  if (isGlobal && phoneContext !== undefined) {
    return refuse('invalid-phone-context', 'a global (+) number cannot carry ;phone-context= (RFC 3966 §5.1.5)');
  }
  if (!isGlobal && phoneContext === undefined) return refuse('missing-phone-context');

  const digits = numberPart.replace(VISUAL_SEPARATORS, '');
  const candidates: string[] = [];
  if (isGlobal) {
    candidates.push(digits);
  } else {
    if (/[A-Fa-f]/.test(digits)) {
      return refuse('not-dialable', 'a local number with hex digits (A–F) cannot be dialed from this app');
    }
    // RFC 3966 §5.1.5: a "+digits" context is the prefix of the local number.
    if (phoneContext?.startsWith('+') === true && /^\d+$/.test(digits)) {
      candidates.push(phoneContext.replace(VISUAL_SEPARATORS, '') + digits);
    }
    candidates.push(digits);
  }
  return dialable(candidates, raw, 'tel', { extension, isdnSubaddress, phoneContext });
}

/** domainname = *( domainlabel "." ) toplabel [ "." ] */
function isDomainName(value: string): boolean {
  if (value.length > 254) return false;
  const labels = (value.endsWith('.') ? value.slice(0, -1) : value).split('.');
  const top = labels.pop() ?? '';
  return TOP_LABEL.test(top) && labels.every((label) => DOMAIN_LABEL.test(label));
}

// ---------------------------------------------------------------- callto:

function parseCallto(rest: string, raw: string): ParseTelephonyUriResult {
  const body = rest.startsWith('//') ? rest.slice(2) : rest;
  if (GLOBAL_NUMBER_DIGITS.test(body) || /^[0-9*#().-]*[0-9][0-9*#().-]*$/.test(body)) {
    return dialable([body.replace(VISUAL_SEPARATORS, '')], raw, 'callto', {});
  }
  return refuse('unsupported-callto-form');
}

// ---------------------------------------------------------------- sip: / sips:

function parseSip(scheme: 'sip' | 'sips', rest: string, raw: string): ParseTelephonyUriResult {
  if (rest.includes('?')) return refuse('sip-headers-not-allowed');
  const [address = '', ...params] = rest.split(';');
  for (const param of params) {
    // uri-parameter = pname [ "=" pvalue ] (RFC 3261 §25.1); checked, then ignored.
    const eq = param.indexOf('=');
    const name = eq === -1 ? param : param.slice(0, eq);
    const value = eq === -1 ? undefined : param.slice(eq + 1);
    if (!SIP_PARAM_TOKEN.test(name) || (value !== undefined && !SIP_PARAM_TOKEN.test(value))) {
      return refuse(/%(?![0-9A-Fa-f]{2})/.test(param) ? 'invalid-percent-encoding' : 'invalid-parameter');
    }
    if (
      percentDecodeVisible(name) === undefined ||
      (value !== undefined && percentDecodeVisible(value) === undefined)
    ) {
      return refuse('invalid-percent-encoding');
    }
  }

  const at = address.lastIndexOf('@');
  if (at === -1) return refuse('invalid-sip-user', 'a sip: link needs user@host');
  const user = address.slice(0, at);
  const hostPort = address.slice(at + 1);
  if (!SIP_USER.test(user)) return refuse('invalid-sip-user');
  const hostMatch = /^([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?$/.exec(hostPort);
  if (hostMatch === null) {
    return refuse(/^[A-Za-z0-9.-]+:/.test(hostPort) ? 'invalid-port' : 'invalid-sip-host');
  }
  const host = hostMatch[1] ?? '';
  // RFC 3261 §25.1: a hostname's top label starts with a letter, unless it is an IPv4 address.
  const labels = host.split('.');
  if (!labels.every((label) => /^[0-9]+$/.test(label)) && !TOP_LABEL.test(labels.at(-1) ?? '')) {
    return refuse('invalid-sip-host');
  }
  const port = hostMatch[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return refuse('invalid-port');
  // Host validity (RFC 1123 labels or IPv4) is parseDialTarget's; the user already passed.
  return dialable([`sip:${user}@${hostPort}`], raw, scheme, {}, 'invalid-sip-host');
}

// ---------------------------------------------------------------- shared

interface LinkExtras {
  extension?: string | undefined;
  isdnSubaddress?: string | undefined;
  phoneContext?: string | undefined;
}

/** First candidate parseDialTarget accepts wins; none → `otherwise`. */
function dialable(
  candidates: readonly string[],
  raw: string,
  scheme: TelephonyScheme,
  extras: LinkExtras,
  otherwise: TelephonyUriError = 'not-dialable',
): ParseTelephonyUriResult {
  let lastReason = '';
  for (const candidate of candidates) {
    const target = parseDialTarget(candidate);
    if (target.ok) {
      // canonical, not target: target is escaped for the wire ("*21%23"), canonical re-parses.
      const link: TelephonyLink = {
        ok: true,
        scheme,
        number: target.canonical,
        display: target.display,
        kind: target.kind,
        raw,
      };
      if (extras.extension !== undefined) link.extension = extras.extension;
      if (extras.isdnSubaddress !== undefined) link.isdnSubaddress = extras.isdnSubaddress;
      if (extras.phoneContext !== undefined) link.phoneContext = extras.phoneContext;
      return link;
    }
    if (target.reason === 'too-long') return refuse('too-long', 'the number has too many digits');
    lastReason = target.reason;
  }
  return refuse(otherwise, `${messageFor(otherwise)} (${lastReason})`);
}

/**
 * Decodes `%HH` escapes (the caller checked the syntax); undefined when a byte
 * decodes to something invisible or ambiguous: a control character, a space,
 * DEL or anything outside printable ASCII (no hidden characters behind escapes).
 */
function percentDecodeVisible(value: string): string | undefined {
  let hidden = false;
  const decoded = value.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => {
    const code = parseInt(hex, 16);
    if (code < 0x21 || code > 0x7e) hidden = true;
    return String.fromCharCode(code);
  });
  return hidden ? undefined : decoded;
}

function refuse(reason: TelephonyUriError, message = messageFor(reason)): TelephonyUriRefusal {
  return { ok: false, reason, message };
}

/** English text of each reason (the renderer has `links.error.<reason>` in EN and FR). */
export function messageFor(reason: TelephonyUriError): string {
  switch (reason) {
    case 'empty':
      return 'The link is empty.';
    case 'too-long':
      return `The link is too long (more than ${MAX_TELEPHONY_URI_LENGTH} characters or too many digits).`;
    case 'control-characters':
      return 'The link contains hidden or control characters.';
    case 'whitespace':
      return 'The link contains spaces, which telephony links cannot have.';
    case 'switch-like':
      return 'The link starts with "-" and looks like a command-line switch.';
    case 'invalid-characters':
      return 'The link contains characters a telephony link cannot have.';
    case 'unsupported-scheme':
      return 'Only tel:, callto: and sip: links can be dialed.';
    case 'invalid-number':
      return 'The number in the link is not written as RFC 3966 requires.';
    case 'missing-phone-context':
      return 'A local number in a tel: link needs a ;phone-context= parameter.';
    case 'invalid-phone-context':
      return 'The ;phone-context= parameter is not a domain name or a +number.';
    case 'invalid-extension':
      return 'The ;ext= parameter must contain digits.';
    case 'invalid-isdn-subaddress':
      return 'The ;isub= parameter is malformed.';
    case 'duplicate-parameter':
      return 'A parameter appears twice in the link.';
    case 'invalid-parameter':
      return 'A parameter of the link is malformed.';
    case 'invalid-percent-encoding':
      return 'The link contains a malformed or hidden %-encoded character.';
    case 'unsupported-callto-form':
      return 'Only callto: links with a phone number can be dialed.';
    case 'sip-headers-not-allowed':
      return 'sip: links with headers (after "?") are refused.';
    case 'invalid-sip-user':
      return 'The sip: link needs a valid user before "@".';
    case 'invalid-sip-host':
      return 'The host of the sip: link is not a valid domain name or IPv4 address.';
    case 'invalid-port':
      return 'The port of the sip: link must be between 1 and 65535.';
    case 'not-dialable':
      return 'The link is well-formed but its number cannot be dialed.';
    default:
      return assertNever(reason, 'Unknown link error');
  }
}

/** Every reason, e.g. to check that each has an i18n key. */
export const TELEPHONY_URI_ERRORS: readonly TelephonyUriError[] = [
  'empty',
  'too-long',
  'control-characters',
  'whitespace',
  'switch-like',
  'invalid-characters',
  'unsupported-scheme',
  'invalid-number',
  'missing-phone-context',
  'invalid-phone-context',
  'invalid-extension',
  'invalid-isdn-subaddress',
  'duplicate-parameter',
  'invalid-parameter',
  'invalid-percent-encoding',
  'unsupported-callto-form',
  'sip-headers-not-allowed',
  'invalid-sip-user',
  'invalid-sip-host',
  'invalid-port',
  'not-dialable',
];
