/**
 * The body of every non-2xx reply of the UC server (HTTP API v1), and the
 * report of a bulk import it may carry (`import-failed`: what was found in the
 * file, nothing was written).
 */
import { z } from 'zod';

export const apiErrorCodeSchema = z.enum([
  'invalid-request',
  'invalid-credentials',
  'too-many-attempts',
  'unauthorized',
  'forbidden',
  'password-change-required',
  'weak-password',
  'wrong-current-password',
  /** the new password is the current one (POST /auth/password) */
  'same-password',
  'not-found',
  'conflict',
  /** the account has no SIP device registered, and the request needs one (POST /calls/pickup) */
  'not-registered',
  'import-failed',
  /** the voicemail PIN breaks the PIN rules (`rules`), or the current PIN is wrong (PUT /me/voicemail-pin) */
  'weak-pin',
  'wrong-current-pin',
  /** a refused photo upload (`rules`: a PhotoRefusal) */
  'invalid-photo',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

/** What an import did (personal contacts, administrator imports), row by row. */
export const importReportSchema = z.object({
  imported: z.number().int().nonnegative(),
  /** rows updated in place (same name, not hand-edited) */
  updated: z.number().int().nonnegative(),
  skipped: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const apiErrorSchema = z.object({
  error: apiErrorCodeSchema,
  message: z.string(),
  /** seconds before another login attempt is accepted (429) */
  retryAfterS: z.number().int().nonnegative().optional(),
  /** password rules the new password breaks (weak-password) */
  rules: z.array(z.string()).optional(),
  /** import-failed: what was found in the file (nothing was written) */
  report: importReportSchema.optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
