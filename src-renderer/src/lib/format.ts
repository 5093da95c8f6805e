/**
 * Display formatting: durations, dates in the user's locale, phone numbers.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** `m:ss` or `h:mm:ss` for a duration in ms (negative → 0). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The locale for dates: the user's own regional variant when it matches the
 * chosen UI language (en-GB stays en-GB), else the bare language.
 */
export function localeFor(language: string, preferred: readonly string[]): string {
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** Date and time of `epochMs` in `locale` (short date, short time). */
export function formatDateTime(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(epochMs));
}

/**
 * Formats international numbers (`+33…`, `0033…`) the international way;
 * internal extensions and anything unparsable stay as typed.
 */
export function formatNumber(raw: string): string {
  const value = raw.trim();
  const international = value.startsWith('00') ? `+${value.slice(2)}` : value;
  if (!international.startsWith('+')) return value;
  const parsed = parsePhoneNumberFromString(international);
  return parsed?.isValid() ? parsed.formatInternational() : value;
}
