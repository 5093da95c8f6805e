import { getCountries, getCountryCallingCode } from 'libphonenumber-js';

/** Every country calling code (E.164 codes are a prefix code: no code is a prefix of another). */
const CALLING_CODES: ReadonlySet<string> = new Set(getCountries().map((country) => getCountryCallingCode(country)));

/**
 * The text indexed (column `number_digits`) so a digits-only query finds a
 * number by the prefix of its digits, whatever its formatting:
 * for each number its digits ("+49 (89) 7007-98765" → "4989700798765") and,
 * for an international number, its national form with the trunk prefix 0
 * ("089700798765") — what people type for numbers of their own country
 * (SPEC C5). Duplicates are dropped; tokens are separated by spaces.
 */
export function numberSearchTokens(numbers: readonly { number: string }[]): string {
  const tokens = new Set<string>();
  for (const { number } of numbers) {
    const digits = number.replace(/\D/g, '');
    if (digits === '') continue;
    tokens.add(digits);
    if (number.trimStart().startsWith('+')) {
      const code = callingCodeOf(digits);
      if (code !== undefined && digits.length > code.length) tokens.add(`0${digits.slice(code.length)}`);
    }
  }
  return [...tokens].join(' ');
}

function callingCodeOf(digits: string): string | undefined {
  for (let length = 1; length <= 3; length += 1) {
    const candidate = digits.slice(0, length);
    if (CALLING_CODES.has(candidate)) return candidate;
  }
  return undefined;
}
