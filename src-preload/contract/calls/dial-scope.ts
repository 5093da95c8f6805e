import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { DialTarget } from './dial-target';

/**
 * "Internal or external?" (SPEC C5, issue #16 item 7): a number dialed
 * without the outside-line ("trunk") prefix that is both an extension and a
 * public number of the server's country is ambiguous; the app asks before
 * dialing. The prefix and the country are the server's dial-plan settings
 * (the trunks feature), handed to the app in the provisioning
 * ({@link provisionedDialPlanSchema}); the extension pattern is the one
 * {@link parseDialTarget} uses (2–8 digits: `kind` 'internal').
 */

/** The part of the server's dial plan the app needs to tell internal from external numbers. */
export const provisionedDialPlanSchema = z.object({
  /** outside-line prefix, e.g. "0"; "" when public numbers are dialed without one */
  outsidePrefix: z.string().regex(/^\d{0,4}$/),
  /** ISO 3166 alpha-2 country of national numbers, when the server has one */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});
export type ProvisionedDialPlan = z.infer<typeof provisionedDialPlanSchema>;

/** What the user answered: the number as an extension, or as a public number (the prefix is added). */
export const dialScopeSchema = z.enum(['internal', 'external']);
export type DialScope = z.infer<typeof dialScopeSchema>;

/**
 * Whether `target` needs the user's answer: digits only, an extension by its
 * shape, not an emergency number, not already starting with the outside
 * prefix, and a valid number of the dial plan's country (libphonenumber-js).
 * Without a prefix or a country nothing is ambiguous: the server routes it.
 */
export function isAmbiguousDialTarget(
  target: DialTarget,
  plan: ProvisionedDialPlan | undefined,
  emergencyNumbers: readonly string[] = [],
): boolean {
  if (plan === undefined || plan.outsidePrefix === '' || plan.country === undefined) return false;
  const digits = target.canonical;
  if (target.kind !== 'internal' || !/^\d+$/.test(digits)) return false;
  if (digits.startsWith(plan.outsidePrefix) || emergencyNumbers.includes(digits)) return false;
  return parsePhoneNumberFromString(digits, plan.country as CountryCode)?.isValid() === true;
}

/** The string to dial for the user's answer: the number as is, or after the outside prefix. */
export function dialStringFor(canonical: string, scope: DialScope, plan: ProvisionedDialPlan | undefined): string {
  return scope === 'external' && plan !== undefined ? plan.outsidePrefix + canonical : canonical;
}
