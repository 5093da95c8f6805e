import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Formats a stored number (journal peer, recent dial, caller id) for display:
 * an E.164 number ("+33123456789") becomes international format
 * ("+33 1 23 45 67 89"); anything else — extensions ("101"), service codes,
 * SIP users or URIs, national digits — is returned unchanged.
 */
export function formatNumberForDisplay(value: string): string {
  if (!/^\+\d{2,15}$/.test(value)) return value;
  const number = parsePhoneNumberFromString(value);
  return number === undefined ? value : number.formatInternational();
}
