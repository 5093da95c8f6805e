import type { FastifyInstance } from 'fastify';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import {
  PHOTO_MAX_BYTES,
  profileEmailSchema,
  profileSchema,
  profileUpdateSchema,
  type Profile,
  type ProfileField,
  type ProfileUpdate,
} from '../../../../src-preload/contract/profile';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import {
  canonicalNumber,
  photoPathOf,
  PhotoRefusedError,
  readAccountPhoto,
  removeAccountPhoto,
  uploadAccountPhoto,
} from '../directory';
import { findAccountById, updateAccount, type AccountChanges, type AccountRow } from './account-service';

const error = jsonSchemaOf(apiErrorSchema, 'output');
const bearer = [{ bearerAuth: [] }];
/** Fastify's own limit for the raw photo body: above PHOTO_MAX_BYTES so the route answers with its clear reason */
const PHOTO_BODY_LIMIT = 4 * PHOTO_MAX_BYTES;

/**
 * The caller's own personal data (SPEC J1, J2): GET/PATCH /me/profile (mobile,
 * other number, e-mail) and PUT/DELETE /me/photo. Only /me: a user can change
 * nobody else's data (administrators use the CLI). Every change re-publishes
 * the caller's internal-directory entry, so the change feed and WS /events carry
 * it live to every colleague's client.
 */
export async function registerProfileRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const auth = createCallerAuth(ctx);

  async function callerAccount(request: Parameters<typeof auth.caller>[0]): Promise<AccountRow> {
    const account = await findAccountById(ctx.db, auth.caller(request).accountId);
    if (!account) throw new ApiHttpError(401, 'unauthorized', 'Account no longer exists');
    return account;
  }

  api.get(
    '/me/profile',
    {
      preValidation: auth.preValidation,
      schema: {
        summary: 'The caller’s personal data (SPEC J1, J2)',
        tags: ['profile'],
        security: bearer,
        response: { 200: jsonSchemaOf(profileSchema, 'output'), 401: error, 403: error },
      },
    },
    async (request) => profileOf(ctx, await callerAccount(request)),
  );

  api.patch<{ Body: ProfileUpdate }>(
    '/me/profile',
    {
      preValidation: auth.preValidation,
      schema: {
        summary: 'Changes the caller’s mobile, other number and e-mail (canonical numbers; all or nothing)',
        tags: ['profile'],
        security: bearer,
        body: jsonSchemaOf(profileUpdateSchema),
        response: { 200: jsonSchemaOf(profileSchema, 'output'), 400: error, 401: error, 403: error },
      },
    },
    async (request) => {
      const account = await callerAccount(request);
      const changes = validateProfileUpdate(request.body);
      const updated = await updateAccount(ctx, account.number, changes);
      return profileOf(ctx, updated);
    },
  );

  await api.register(async (scope) => {
    // the photo travels as the raw file (no base64 inflation); its type is checked by content anyway
    scope.addContentTypeParser(
      ['image/png', 'image/jpeg', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: PHOTO_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.put<{ Body: Buffer }>(
      '/me/photo',
      {
        preValidation: auth.preValidation,
        bodyLimit: PHOTO_BODY_LIMIT,
        schema: {
          summary: 'Sets the caller’s photo: JPEG or PNG, ≥ 40×40, ≤ 512 KB; stored resized to 200×200',
          tags: ['profile'],
          security: bearer,
          response: { 200: jsonSchemaOf(profileSchema, 'output'), 400: error, 401: error, 403: error, 413: error },
        },
      },
      async (request) => {
        const account = await callerAccount(request);
        const body = request.body;
        if (!Buffer.isBuffer(body))
          throw new ApiHttpError(400, 'invalid-photo', 'Send the photo as image/png or image/jpeg', {
            rules: ['not-an-image'],
          });
        try {
          await uploadAccountPhoto(ctx, account.number, body);
        } catch (err) {
          if (err instanceof PhotoRefusedError)
            throw new ApiHttpError(err.refusal === 'too-large' ? 413 : 400, 'invalid-photo', err.message, {
              rules: [err.refusal],
            });
          throw err;
        }
        return profileOf(ctx, account);
      },
    );
  });

  api.delete(
    '/me/photo',
    {
      preValidation: auth.preValidation,
      schema: {
        summary: 'Deletes the caller’s photo (no error when there is none)',
        tags: ['profile'],
        security: bearer,
        response: { 200: jsonSchemaOf(profileSchema, 'output'), 401: error, 403: error },
      },
    },
    async (request) => {
      const account = await callerAccount(request);
      await removeAccountPhoto(ctx, account.number);
      return profileOf(ctx, account);
    },
  );
}

/**
 * The stored form of a profile update, or 400 `invalid-request` naming every
 * refused field in `rules` (nothing is stored then): numbers must have a
 * canonical form (the directory's `canonicalNumber`, service codes refused),
 * the e-mail must be an address; "" and null clear a field.
 */
export function validateProfileUpdate(update: ProfileUpdate): AccountChanges {
  const changes: AccountChanges = {};
  const refused: { field: ProfileField; reason: string }[] = [];
  const numberFields = [
    ['mobile', 'mobile'],
    ['otherNumber', 'otherNumber'],
  ] as const;
  for (const [field, column] of numberFields) {
    const value = update[field];
    if (value === undefined) continue;
    const text = value?.trim() ?? '';
    if (text === '') {
      changes[column] = null;
      continue;
    }
    const canonical = canonicalNumber(text);
    if (!canonical.ok) refused.push({ field, reason: canonical.reason });
    else if (/^[*#]/.test(canonical.number))
      refused.push({ field, reason: `"${text}" is a service code, not a number` });
    else changes[column] = canonical.number;
  }
  if (update.email !== undefined) {
    const text = update.email?.trim() ?? '';
    if (text === '') changes.email = null;
    else if (!profileEmailSchema.safeParse(text).success)
      refused.push({ field: 'email', reason: `"${text}" is not an e-mail address` });
    else changes.email = text;
  }
  if (refused.length > 0)
    throw new ApiHttpError(400, 'invalid-request', refused.map((r) => `${r.field}: ${r.reason}`).join('; '), {
      rules: refused.map((r) => r.field),
    });
  return changes;
}

async function profileOf(ctx: ServerContext, account: AccountRow): Promise<Profile> {
  const fresh = (await findAccountById(ctx.db, account.id)) ?? account;
  const photo = await readAccountPhoto(ctx.db, fresh.number);
  return {
    number: fresh.number,
    displayName: fresh.display_name,
    ...(fresh.mobile ? { mobile: fresh.mobile } : {}),
    ...(fresh.other_number ? { otherNumber: fresh.other_number } : {}),
    ...(fresh.email ? { email: fresh.email } : {}),
    ...(photo ? { photoUrl: photoPathOf(fresh.number, photo.etag) } : {}),
  };
}
