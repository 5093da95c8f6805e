import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { canonicalNumber } from '../directory';
import type { TrunkNumberFormat } from './trunks-tables';
import type { ProvisionedDialPlan } from '../../../../src-preload/contract/calls';

/**
 * The server's dial plan for calls that may leave the company (SPEC C5, G):
 * which dialed strings are emergency numbers, internal numbers or public
 * numbers, and how a public number is written for a carrier. Pure functions;
 * the numbers' grammar is libphonenumber-js through the directory's
 * {@link canonicalNumber} (one definition of a canonical number).
 */

/** The administrator's settings that shape the dial plan. */
export interface DialPlanSettings {
  /** outside-line ("trunk") prefix, e.g. "0"; "" when users dial public numbers without one */
  readonly outsidePrefix: string;
  /** country of national numbers (ISO 3166 alpha-2), e.g. "FR" */
  readonly country: CountryCode | undefined;
  /** dialed as is, always through the trunk, before any other rule (SPEC G) */
  readonly emergencyNumbers: readonly string[];
}

/** What a dialed string is. */
export type DialedNumber =
  /** an emergency number: sent to the carrier exactly as `number` (short digits) */
  | { kind: 'emergency'; number: string }
  /** one of our users, or a short number the proxy routes (or refuses) as usual */
  | { kind: 'internal' }
  /** a public number: `e164` when known ("+33612345678"), else digits the carrier gets as dialed */
  | { kind: 'external'; e164: string | undefined; digits: string }
  /** looks public but is no possible number */
  | { kind: 'invalid'; reason: string };

/** Default emergency numbers: EU 112, French SAMU 15, police 17, fire 18, North America 911. */
export const DEFAULT_EMERGENCY_NUMBERS: readonly string[] = ['112', '15', '17', '18', '911'];

/**
 * Every dial string {@link classifyDialed} takes for an emergency number: the numbers, and each
 * after the outside prefix. Handed to the apps (provisioning) so that they dial them at once.
 */
export function emergencyDialStrings(settings: DialPlanSettings): string[] {
  const prefixed =
    settings.outsidePrefix === '' ? [] : settings.emergencyNumbers.map((n) => settings.outsidePrefix + n);
  return [...new Set([...settings.emergencyNumbers, ...prefixed])];
}

/** The dial plan as the apps get it in the provisioning ("internal or external?", SPEC C5). */
export function provisionedDialPlan(settings: DialPlanSettings): ProvisionedDialPlan {
  return { outsidePrefix: settings.outsidePrefix, ...(settings.country ? { country: settings.country } : {}) };
}

/**
 * Classifies `dialed` (the Request-URI user part the device sent). Emergency
 * numbers come first — even one that is also an internal extension (SPEC G:
 * nothing may stand between a caller and 112) — with or without the outside
 * prefix. Then a number of one of our users (`isUser`), then public numbers:
 * "+E.164"; outside prefix + ("00" international | national | local digits);
 * national numbers of 9+ digits in `country`. Other short strings are internal.
 */
export function classifyDialed(dialed: string, settings: DialPlanSettings, isUser: boolean): DialedNumber {
  const prefix = settings.outsidePrefix;
  if (settings.emergencyNumbers.includes(dialed)) return { kind: 'emergency', number: dialed };
  if (prefix !== '' && dialed.startsWith(prefix) && settings.emergencyNumbers.includes(dialed.slice(prefix.length))) {
    return { kind: 'emergency', number: dialed.slice(prefix.length) };
  }
  if (isUser) return { kind: 'internal' };
  if (dialed.startsWith('+')) {
    const canonical = canonicalNumber(dialed);
    if (!canonical.ok || !canonical.number.startsWith('+')) return { kind: 'invalid', reason: 'not a phone number' };
    const e164 = compact(canonical.number);
    return { kind: 'external', e164, digits: e164 };
  }
  if (!/^\d+$/.test(dialed)) return { kind: 'internal' };
  if (prefix !== '' && dialed.startsWith(prefix) && dialed.length >= prefix.length + 3) {
    const rest = dialed.slice(prefix.length);
    const outside = publicNumber(rest, settings.country, true);
    if (outside !== undefined) return outside;
  }
  if (dialed.length <= 8) return { kind: 'internal' };
  return publicNumber(dialed, settings.country, false) ?? { kind: 'invalid', reason: 'not a phone number' };
}

/** After an outside prefix, `local` digits (no area code) go to the carrier as dialed. */
function publicNumber(
  digits: string,
  country: CountryCode | undefined,
  local: boolean,
): Extract<DialedNumber, { kind: 'external' }> | undefined {
  const canonical = canonicalNumber(digits, country === undefined ? {} : { defaultRegion: country });
  if (canonical.ok && canonical.number.startsWith('+')) {
    const e164 = compact(canonical.number);
    return { kind: 'external', e164, digits: e164 };
  }
  if (canonical.ok && (local || digits.length >= 9)) return { kind: 'external', e164: undefined, digits };
  return undefined;
}

/**
 * How the carrier gets a number: `e164` "+33612345678"; `national` "0612345678"
 * for a number of the trunk's country, the international dialing form
 * ("00442079460958") for others. Without a country, national falls back to E.164.
 */
export function formatForCarrier(e164: string, format: TrunkNumberFormat, country: CountryCode | undefined): string {
  if (format === 'e164' || country === undefined) return e164;
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed === undefined) return e164;
  const written = parsed.country === country ? parsed.formatNational() : parsed.format('IDD', { fromCountry: country });
  return written.replace(/[^\d+]/g, '');
}

/**
 * A number as a carrier sent it (caller ID, or the DID it calls) in +E.164
 * when it can be read as one: "+33…", "0033…", national "06…" in `country`,
 * or the full international digits without "+" ("33612345678"). Otherwise
 * `undefined` (anonymous, short codes…).
 */
export function normalizeCarrierNumber(input: string, country: CountryCode | undefined): string | undefined {
  const text = decodeURIComponentSafe(input).trim();
  if (!/^\+?[\d\-. ()]{2,32}$/.test(text)) return undefined;
  const digits = text.replace(/[^\d+]/g, '');
  const attempts = digits.startsWith('+') || digits.startsWith('00') ? [digits] : [digits, `+${digits}`];
  for (const attempt of attempts) {
    if (attempt.length <= 8 && !attempt.startsWith('+')) continue;
    const canonical = canonicalNumber(attempt, country === undefined ? {} : { defaultRegion: country });
    if (canonical.ok && canonical.number.startsWith('+')) return compact(canonical.number);
  }
  return undefined;
}

/** A country code setting (ISO 3166 alpha-2 that libphonenumber-js knows), or undefined. */
export function parseCountry(input: string | undefined | null): CountryCode | undefined {
  if (input === undefined || input === null || input === '') return undefined;
  const code = input.toUpperCase();
  return isSupportedCountry(code) ? code : undefined;
}

function compact(international: string): string {
  return international.replace(/[^\d+]/g, '');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
