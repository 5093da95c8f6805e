/**
 * Builds the tel: link of a number shown in the app (SPEC G1): clicking it
 * goes through links.open (the engine parses it strictly and, since the
 * click is the user's own in our window, dials without asking).
 */

/**
 * RFC 3966 requires a phone-context on local numbers (§5.1.5); internal
 * extensions are local to the user's PBX, named here by a reserved domain.
 */
export const LOCAL_PHONE_CONTEXT = 'switchboard.invalid';

/** `tel:+33612345678`, `tel:101;phone-context=…`, or null for what is not a phone number (SIP names). */
export function telUriFor(number: string): string | null {
  const compact = number.trim().replace(/[\s().-]/g, '');
  if (/^\+[0-9]{2,20}$/.test(compact)) return `tel:${compact}`;
  if (/^00[0-9]{2,20}$/.test(compact)) return `tel:+${compact.slice(2)}`;
  if (/^[0-9*]{1,20}$/.test(compact)) return `tel:${compact};phone-context=${LOCAL_PHONE_CONTEXT}`;
  return null;
}
