import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema } from '../../../../../src-preload/contract/platform';
import { createCallerAuth } from '../../../platform/auth/caller-auth';
import { ApiHttpError } from '../../../platform/http/api-http-error';
import { jsonSchemaOf } from '../../../platform/http/zod-schema';
import type { ServerContext } from '../../../platform/server-context';
import { readAccountPhoto } from './photo-service';

const photoParamsSchema = z.strictObject({ number: z.string().min(1).max(64) });
/** `v` is the content version put in photoUrl by the internal directory; the server always serves the current photo */
const photoQuerySchema = z.object({ v: z.string().max(100).optional() });
const error = jsonSchemaOf(apiErrorSchema, 'output');

/**
 * True when an If-None-Match header matches the ETag (RFC 9110 §13.1.2:
 * weak comparison, a list of tags, or `*`).
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    return tag === '*' || tag === `"${etag}"`;
  });
}

/**
 * GET /photos/:number — the photo of an internal user (SPEC C1). Any
 * authenticated user may read any account's photo, since every account is in
 * the shared internal directory; anonymous callers get 401 before anything
 * else. 404 when the account has no photo (or does not exist: the same reply,
 * so the route does not tell which numbers exist). ETag = content hash;
 * If-None-Match with the current ETag → 304 without body.
 */
export async function registerPhotoRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { preValidation } = createCallerAuth(ctx);
  api.get<{ Params: z.infer<typeof photoParamsSchema>; Querystring: z.infer<typeof photoQuerySchema> }>(
    '/photos/:number',
    {
      preValidation,
      schema: {
        summary: 'Photo of an internal user (PNG or JPEG; ETag / If-None-Match -> 304)',
        tags: ['directory'],
        security: [{ bearerAuth: [] }],
        params: jsonSchemaOf(photoParamsSchema),
        querystring: jsonSchemaOf(photoQuerySchema),
        response: { 401: error, 403: error, 404: error },
      },
    },
    async (request, reply) => {
      const photo = await readAccountPhoto(ctx.db, request.params.number);
      if (!photo) throw new ApiHttpError(404, 'not-found', `No photo for ${request.params.number}`);
      void reply
        .header('etag', `"${photo.etag}"`)
        // private: behind the Bearer token; no-cache: revalidate (cheap 304) rather than show an old photo
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff');
      if (ifNoneMatchMatches(request.headers['if-none-match'], photo.etag)) return reply.status(304).send();
      return reply.status(200).header('content-type', photo.mime).send(photo.bytes);
    },
  );
}
