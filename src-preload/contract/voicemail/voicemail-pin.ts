/**
 * Voicemail PIN rules (SPEC H4): six digits, not all the same, not an
 * ascending or descending run (123456, 654321, also 901234 / 210987, wrapping
 * past 9 or 0 as a keypad user types them).
 *
 * One definition for everyone: the UC server enforces it (PUT /me/voicemail-pin),
 * the Settings form shows it as a live checklist (rule keys double as i18n keys
 * `voicemailPin.rule.<rule>` and as `ApiError.rules` of `weak-pin`).
 */
import { z } from 'zod';

export type PinRule = 'six-digits' | 'not-all-same' | 'not-a-run';

export const PIN_RULES: readonly PinRule[] = ['six-digits', 'not-all-same', 'not-a-run'];

/** Length of a voicemail PIN. */
export const PIN_LENGTH = 6;

/** Returns the rules `pin` breaks (empty = acceptable). */
export function brokenPinRules(pin: string): PinRule[] {
  const broken: PinRule[] = [];
  const digitsOnly = /^[0-9]*$/.test(pin);
  if (!digitsOnly || pin.length !== PIN_LENGTH) broken.push('six-digits');
  // the two other rules only mean something for digits; fewer than two digits break both (nothing to compare yet)
  const digits = digitsOnly ? [...pin].map(Number) : [];
  if (digits.length < 2 || digits.every((d) => d === digits[0])) broken.push('not-all-same');
  if (digits.length < 2 || isRun(digits, 1) || isRun(digits, -1)) broken.push('not-a-run');
  return broken;
}

/** Each digit is the previous one plus `step`, modulo 10 (…8, 9, 0, 1… counts as a run). */
function isRun(digits: readonly number[], step: 1 | -1): boolean {
  return digits.every((d, i) => i === 0 || d === (digits[i - 1]! + step + 10) % 10);
}

export function isPinRule(value: string): value is PinRule {
  return (PIN_RULES as readonly string[]).includes(value);
}

/** PUT /me/voicemail-pin: `currentPin` is required once a PIN is set. */
export const voicemailPinChangeSchema = z.strictObject({
  currentPin: z.string().max(32).optional(),
  newPin: z.string().max(32),
});
export type VoicemailPinChange = z.infer<typeof voicemailPinChangeSchema>;

/** GET /me/voicemail-pin and the reply of PUT: whether the account has a PIN (never the PIN itself). */
export const voicemailPinStateSchema = z.object({ isSet: z.boolean() });
export type VoicemailPinState = z.infer<typeof voicemailPinStateSchema>;
