/**
 * Password policy (SPEC A2): 8–16 characters with at least one upper-case
 * letter, one lower-case letter, one digit and one special character. The
 * server enforces it; the client explains it with the same rule keys.
 */
export type PasswordRule = 'length' | 'upper' | 'lower' | 'digit' | 'special';

export const PASSWORD_RULES: readonly PasswordRule[] = ['length', 'upper', 'lower', 'digit', 'special'];

/** Returns the rules `password` breaks (empty = acceptable). */
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
