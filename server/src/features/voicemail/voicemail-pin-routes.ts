import type { FastifyInstance } from 'fastify';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import {
  brokenPinRules,
  voicemailPinChangeSchema,
  voicemailPinStateSchema,
  type VoicemailPinChange,
} from '../../../../src-preload/contract/voicemail';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import { findAccountById, hashPassword, verifyPassword } from '../accounts';
import { LoginThrottle } from '../auth';

const error = jsonSchemaOf(apiErrorSchema, 'output');
const common = { tags: ['voicemail'], security: [{ bearerAuth: [] }] };

/**
 * The caller's voicemail PIN (SPEC H4): GET /me/voicemail-pin says whether one
 * is set (never the PIN), PUT /me/voicemail-pin sets it. The rules are the
 * contract's `brokenPinRules` (the Settings form shows the same list live);
 * once a PIN is set the current one is required. Stored as a scrypt hash, like
 * the password (accounts' password-hash.ts). Guesses of the current PIN are
 * throttled like password guesses (auth's LoginThrottle, per account and
 * source address: 429 `too-many-attempts` with Retry-After).
 */
export async function registerVoicemailPinRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { preValidation, caller } = createCallerAuth(ctx);
  // a six-digit PIN is a small space: a stolen session must not be able to enumerate it
  const throttle = new LoginThrottle(ctx.config.login, ctx.clock);

  api.get(
    '/me/voicemail-pin',
    {
      preValidation,
      schema: {
        ...common,
        summary: 'Whether the caller has a voicemail PIN',
        response: { 200: jsonSchemaOf(voicemailPinStateSchema, 'output'), 401: error, 403: error },
      },
    },
    async (request) => {
      const account = await findAccountById(ctx.db, caller(request).accountId);
      return { isSet: (account?.voicemail_pin_hash ?? null) !== null };
    },
  );

  api.put<{ Body: VoicemailPinChange }>(
    '/me/voicemail-pin',
    {
      preValidation,
      schema: {
        ...common,
        summary: 'Sets the caller’s voicemail PIN (six digits, not all the same, not a run; current PIN once set)',
        body: jsonSchemaOf(voicemailPinChangeSchema),
        response: {
          200: jsonSchemaOf(voicemailPinStateSchema, 'output'),
          400: error,
          401: error,
          403: error,
          429: error,
        },
      },
    },
    async (request) => {
      const accountId = caller(request).accountId;
      const account = await findAccountById(ctx.db, accountId);
      if (!account) throw new ApiHttpError(401, 'unauthorized', 'Account no longer exists');
      const { currentPin, newPin } = request.body;
      if (account.voicemail_pin_hash !== null) {
        const verdict = throttle.attempt(account.number, request.ip);
        if (verdict.kind === 'wait')
          throw new ApiHttpError(429, 'too-many-attempts', 'Too many wrong PINs: try again later', {
            retryAfterS: verdict.retryAfterS,
          });
        if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
        if (currentPin === undefined || !(await verifyPassword(currentPin, account.voicemail_pin_hash))) {
          throttle.recordFailure(account.number, request.ip);
          throw new ApiHttpError(400, 'wrong-current-pin', 'The current PIN is wrong');
        }
        throttle.recordSuccess(account.number, request.ip);
      }
      const broken = brokenPinRules(newPin);
      if (broken.length > 0)
        throw new ApiHttpError(400, 'weak-pin', `The new PIN breaks the PIN rules: ${broken.join(', ')}`, {
          rules: broken,
        });
      const hash = await hashPassword(newPin);
      await ctx.db
        .updateTable('accounts')
        .set({ voicemail_pin_hash: hash, updated_at: ctx.clock.now() })
        .where('id', '=', accountId)
        .execute();
      return { isSet: true };
    },
  );
}
