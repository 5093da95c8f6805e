/**
 * Display formatting: durations, dates in the user's locale, phone numbers.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { assertNever } from '../../../src-preload/contract/platform';
import type { DateFormat } from '../../../src-preload/contract/ipc-contract';

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

/**
 * Date of `epochMs` in the user's date format (SPEC A7): `locale` uses the
 * locale's short date; the fixed patterns are the same whatever the language.
 */
export function formatDate(epochMs: number, locale: string, dateFormat: DateFormat = 'locale'): string {
  const date = new Date(epochMs);
  const dd = String(date.getDate()).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const yyyy = String(date.getFullYear()).padStart(4, '0');
  switch (dateFormat) {
    case 'locale':
      return new Intl.DateTimeFormat(locale, { dateStyle: 'short' }).format(date);
    case 'dd/mm/yyyy':
      return `${dd}/${mm}/${yyyy}`;
    case 'mm/dd/yyyy':
      return `${mm}/${dd}/${yyyy}`;
    case 'yyyy-mm-dd':
      return `${yyyy}-${mm}-${dd}`;
    default:
      return assertNever(dateFormat, 'unknown date format');
  }
}

/** Time of day of `epochMs` in `locale` (short: "14:05", "2:05 PM"). */
export function formatTime(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(epochMs));
}

/** Date and time of `epochMs`: the date in the chosen format, the time in `locale`. */
export function formatDateTime(epochMs: number, locale: string, dateFormat: DateFormat = 'locale'): string {
  if (dateFormat === 'locale') {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(epochMs));
  }
  return `${formatDate(epochMs, locale, dateFormat)} ${formatTime(epochMs, locale)}`;
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

/** Initials for an avatar: first letters of the first two words of the name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? '')
    .join('');
}

/** A counter as a badge shows it: up to 99, then `99+` (the badge keeps its size). */
export function formatBadgeCount(count: number): string {
  return count > 99 ? '99+' : String(count);
}
