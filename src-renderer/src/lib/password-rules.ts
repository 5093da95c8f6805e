/**
 * The password policy (SPEC A2), mirrored from `server/api/password-policy.ts`
 * so the form can show a live checklist; the server stays authoritative and
 * its rejected rules (IpcError.details) are shown too.
 */
export type PasswordRule = 'length' | 'upper' | 'lower' | 'digit' | 'special';

export const PASSWORD_RULES: readonly PasswordRule[] = ['length', 'upper', 'lower', 'digit', 'special'];

/** Returns the rules `password` breaks (empty = acceptable); same keys and logic as the server. */
export function brokenPasswordRules(password: string): PasswordRule[] {
  const broken: PasswordRule[] = [];
  const length = [...password].length;
  if (length < 8 || length > 16) broken.push('length');
  if (!/\p{Lu}/u.test(password)) broken.push('upper');
  if (!/\p{Ll}/u.test(password)) broken.push('lower');
  if (!/\p{Nd}/u.test(password)) broken.push('digit');
  if (!/[^\p{L}\p{Nd}\s]/u.test(password)) broken.push('special');
  return broken;
}

export function isPasswordRule(value: string): value is PasswordRule {
  return (PASSWORD_RULES as readonly string[]).includes(value);
}
