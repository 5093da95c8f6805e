import type { FastifyInstance } from 'fastify';
import {
  favoritesChangeResponseSchema,
  favoritesChangeSchema,
  favoritesDocumentSchema,
  type FavoritesChange,
} from '../../../../src-preload/contract/favorites';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import { requireIdempotencyKey } from '../../platform/idempotency/idempotency';
import type { ServerContext } from '../../platform/server-context';
import { FavoritesService } from './favorites-service';

const error = jsonSchemaOf(apiErrorSchema, 'output');
const errors = { 400: error, 401: error, 403: error, 404: error, 409: error };
const bearer = [{ bearerAuth: [] }];
const idempotencyHeader = {
  type: 'object',
  properties: {
    'idempotency-key': { type: 'string', description: 'one UUID per logical change; replays return the stored reply' },
  },
  required: ['idempotency-key'],
};

/**
 * Favorites routes on the /api/v1 instance (SPEC D1/D2): GET /favorites and
 * POST /favorites/changes, both on the caller's own favorites only.
 * Authentication runs before validation (401 first, whatever the body).
 */
export async function registerFavoritesRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const favorites = new FavoritesService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
  const { preValidation, caller } = createCallerAuth(ctx);

  api.get(
    '/favorites',
    {
      preValidation,
      schema: {
        summary: "The caller's favorite groups with their favorites, in order (SPEC D1)",
        tags: ['favorites'],
        security: bearer,
        response: { 200: jsonSchemaOf(favoritesDocumentSchema, 'output'), ...errors },
      },
    },
    async (request) => favorites.list(caller(request).accountId),
  );

  api.post<{ Body: FavoritesChange }>(
    '/favorites/changes',
    {
      preValidation,
      schema: {
        summary: 'One change of the favorites (groups, favorites, order, default number; Idempotency-Key required)',
        tags: ['favorites'],
        security: bearer,
        headers: idempotencyHeader,
        body: jsonSchemaOf(favoritesChangeSchema),
        response: { 200: jsonSchemaOf(favoritesChangeResponseSchema, 'output'), ...errors },
      },
    },
    async (request) =>
      favorites.change(
        caller(request).accountId,
        requireIdempotencyKey(request.headers['idempotency-key']),
        request.body,
      ),
  );
}
