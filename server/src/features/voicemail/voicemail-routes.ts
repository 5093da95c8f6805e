import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import {
  voicemailListResponseSchema,
  voicemailPatchSchema,
  voicemailSchema,
} from '../../../../src-preload/contract/voicemail';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import { VoicemailStore } from './voicemail-store';

const idParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });
const error = jsonSchemaOf(apiErrorSchema, 'output');

/** How often the 30-day purge of listened messages runs (SPEC H1). */
export const PURGE_INTERVAL_MS = 3600_000;

function notFound(id: string): ApiHttpError {
  return new ApiHttpError(404, 'not-found', `No voicemail ${id}`);
}

/**
 * The voicemail API (SPEC H1/H2): GET /voicemails (newest first),
 * GET /voicemails/:id/audio (audio/wav), PATCH /voicemails/:id {listened},
 * DELETE /voicemails/:id. Owner only: another account's id answers 404.
 * Also runs the purge of listened messages and of orphan WAV files (at
 * start, then hourly) while the app is open.
 */
export async function registerVoicemailRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const store = new VoicemailStore(ctx);
  const { preValidation, caller } = createCallerAuth(ctx);
  const owner = (request: FastifyRequest): number => caller(request).accountId;
  const common = { tags: ['voicemail'], security: [{ bearerAuth: [] }] };

  api.get(
    '/voicemails',
    {
      preValidation,
      schema: {
        ...common,
        summary: 'Voice messages of the caller, newest first',
        response: { 200: jsonSchemaOf(voicemailListResponseSchema, 'output'), 401: error, 403: error },
      },
    },
    async (request) => ({ voicemails: await store.list(owner(request)) }),
  );

  api.get<{ Params: z.infer<typeof idParamsSchema> }>(
    '/voicemails/:id/audio',
    {
      preValidation,
      schema: {
        ...common,
        summary: 'The recording (WAV, PCM 16-bit mono 8 kHz)',
        params: jsonSchemaOf(idParamsSchema),
        response: { 401: error, 403: error, 404: error },
      },
    },
    async (request, reply) => {
      const bytes = await store.audio(owner(request), request.params.id);
      if (!bytes) throw notFound(request.params.id);
      return reply
        .status(200)
        .header('content-type', 'audio/wav')
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );

  api.patch<{ Params: z.infer<typeof idParamsSchema>; Body: z.infer<typeof voicemailPatchSchema> }>(
    '/voicemails/:id',
    {
      preValidation,
      schema: {
        ...common,
        summary: 'Mark a voice message listened or new',
        params: jsonSchemaOf(idParamsSchema),
        body: jsonSchemaOf(voicemailPatchSchema),
        response: { 200: jsonSchemaOf(voicemailSchema, 'output'), 400: error, 401: error, 403: error, 404: error },
      },
    },
    async (request) => {
      const updated = await store.setListened(owner(request), request.params.id, request.body.listened);
      if (!updated) throw notFound(request.params.id);
      return updated;
    },
  );

  api.delete<{ Params: z.infer<typeof idParamsSchema> }>(
    '/voicemails/:id',
    {
      preValidation,
      schema: {
        ...common,
        summary: 'Delete a voice message',
        params: jsonSchemaOf(idParamsSchema),
        response: { 401: error, 403: error, 404: error },
      },
    },
    async (request, reply) => {
      if (!(await store.delete(owner(request), request.params.id))) throw notFound(request.params.id);
      return reply.status(204).send();
    },
  );

  const purge = (): void => {
    store
      .purgeListened()
      .then(() => store.purgeOrphans())
      .catch((e: unknown) => api.log.error({ err: e }, 'voicemail purge failed'));
  };
  const timer = setInterval(purge, PURGE_INTERVAL_MS);
  timer.unref();
  purge();
  api.addHook('onClose', async () => clearInterval(timer));
}
