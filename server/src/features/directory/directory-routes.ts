import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import {
  changesResponseSchema,
  contactCreateSchema,
  contactImportRequestSchema,
  contactImportResponseSchema,
  contactMutationResponseSchema,
  contactPatchSchema,
  type ContactCreate,
  type ContactImportRequest,
  type ContactPatch,
} from '../../../../src-preload/contract/directory';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { DEFAULT_CHANGES_PAGE, MAX_CHANGES_PAGE, readChanges } from './read-changes';
import { ContactService } from './contacts/contact-service';
import { purgeIdempotencyKeys, requireIdempotencyKey } from '../../platform/idempotency/idempotency';
import { importContacts } from './contacts/import-contacts';
import { syncInternalDirectory } from './internal-directory';
import type { ServerContext } from '../../platform/server-context';
import { jsonSchemaOf } from '../../platform/http/zod-schema';

const changesQuerySchema = z.strictObject({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_CHANGES_PAGE).default(DEFAULT_CHANGES_PAGE),
});
const contactParamsSchema = z.strictObject({ id: z.string().min(1).max(200) });

const error = jsonSchemaOf(apiErrorSchema, 'output');
const bearer = [{ bearerAuth: [] }];
const idempotencyHeader = {
  type: 'object',
  properties: {
    'idempotency-key': { type: 'string', description: 'one UUID per logical change; replays return the stored reply' },
  },
  required: ['idempotency-key'],
};
const errors = { 400: error, 401: error, 403: error, 404: error, 409: error };

/**
 * Registers the data routes on the /api/v1 instance: GET /changes, contacts
 * CRUD (Idempotency-Key) and POST /contacts/import. Every route
 * authenticates before validating its input, so an anonymous caller learns
 * nothing (401), and acts only on the caller's own data (another account's
 * contact is a 404, exactly like a missing one).
 */
export async function registerDirectoryRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const contacts = new ContactService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
  // preValidation runs before body/query validation: 401 first, whatever the payload
  const { preValidation, caller } = createCallerAuth(ctx);

  await syncInternalDirectory(ctx, ctx.clock.now());
  const purge = setInterval(() => {
    purgeIdempotencyKeys(ctx.db, ctx.clock.now()).catch((e: unknown) => console.error('idempotency purge failed:', e));
  }, 3600_000);
  purge.unref();
  api.addHook('onClose', async () => {
    clearInterval(purge);
  });

  api.get<{ Querystring: z.infer<typeof changesQuerySchema> }>(
    '/changes',
    {
      preValidation,
      schema: {
        summary: 'Change feed: entries changed since a revision (shared directories + own contacts)',
        tags: ['sync'],
        security: bearer,
        querystring: jsonSchemaOf(changesQuerySchema),
        response: { 200: jsonSchemaOf(changesResponseSchema, 'output'), ...errors },
      },
    },
    async (request) => readChanges(ctx.db, caller(request).accountId, request.query.since, request.query.limit),
  );

  api.post<{ Body: ContactCreate }>(
    '/contacts',
    {
      preValidation,
      schema: {
        summary: 'Create a personal contact (Idempotency-Key required)',
        tags: ['contacts'],
        security: bearer,
        headers: idempotencyHeader,
        body: jsonSchemaOf(contactCreateSchema),
        response: { 200: jsonSchemaOf(contactMutationResponseSchema, 'output'), ...errors },
      },
    },
    async (request) =>
      contacts.create(
        caller(request).accountId,
        requireIdempotencyKey(request.headers['idempotency-key']),
        request.body,
      ),
  );

  api.patch<{ Params: z.infer<typeof contactParamsSchema>; Body: ContactPatch }>(
    '/contacts/:id',
    {
      preValidation,
      schema: {
        summary: 'Change fields of a personal contact (only the given fields; Idempotency-Key required)',
        tags: ['contacts'],
        security: bearer,
        headers: idempotencyHeader,
        params: jsonSchemaOf(contactParamsSchema),
        body: jsonSchemaOf(contactPatchSchema),
        response: { 200: jsonSchemaOf(contactMutationResponseSchema, 'output'), ...errors },
      },
    },
    async (request) =>
      contacts.patch(
        caller(request).accountId,
        requireIdempotencyKey(request.headers['idempotency-key']),
        request.params.id,
        request.body,
      ),
  );

  api.delete<{ Params: z.infer<typeof contactParamsSchema> }>(
    '/contacts/:id',
    {
      preValidation,
      schema: {
        summary: 'Delete a personal contact (Idempotency-Key required)',
        tags: ['contacts'],
        security: bearer,
        headers: idempotencyHeader,
        params: jsonSchemaOf(contactParamsSchema),
        response: { 200: jsonSchemaOf(contactMutationResponseSchema, 'output'), ...errors },
      },
    },
    async (request) =>
      contacts.remove(
        caller(request).accountId,
        requireIdempotencyKey(request.headers['idempotency-key']),
        request.params.id,
      ),
  );

  api.post<{ Body: ContactImportRequest }>(
    '/contacts/import',
    {
      preValidation,
      schema: {
        summary: 'Import personal contacts from CSV or XML (all or nothing per file)',
        tags: ['contacts'],
        security: bearer,
        body: jsonSchemaOf(contactImportRequestSchema),
        response: { 200: jsonSchemaOf(contactImportResponseSchema, 'output'), ...errors },
      },
    },
    async (request) =>
      importContacts(
        { db: ctx.db, changes: ctx.changes, now: ctx.clock.now() },
        caller(request).accountId,
        request.body,
      ),
  );
}
