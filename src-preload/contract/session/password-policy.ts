/**
 * Password policy (SPEC A2): 8–16 characters with at least one upper-case
 * letter, one lower-case letter, one digit and one special character.
 *
 * One definition for everyone: the UC server enforces it, the engine checks
 * before asking the server, and the renderer shows it as a live checklist
 * (rule keys double as i18n keys and as `IpcError.details` of weak-password).
 */
export type PasswordRule = 'length' | 'upper' | 'lower' | 'digit' | 'special';

export const PASSWORD_RULES: readonly PasswordRule[] = ['length', 'upper', 'lower', 'digit', 'special'];

/** Returns the rules `password` breaks (empty = acceptable). Length counts characters, not UTF-16 units. */
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

/**
 * Whether the new password is the current one (SPEC A2: a forced or voluntary
 * change must change it). The UC server refuses it with `same-password`, the
 * engine before asking the server, and the renderer shows it in the live
 * checklist. Compared as typed, like the server's hash check of the current
 * password: the server only reaches this test once `current` is verified.
 */
export function reusesCurrentPassword(current: string, next: string): boolean {
  return next.length > 0 && next === current;
}
