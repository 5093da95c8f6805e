import type { FastifyInstance } from 'fastify';
import {
  forwardingDocumentSchema,
  forwardingRulesSchema,
  type ForwardingRules,
} from '../../../../src-preload/contract/forwarding';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import { createCallerAuth } from '../../platform/auth/caller-auth';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import { ForwardingService } from './forwarding-service';

const error = jsonSchemaOf(apiErrorSchema, 'output');
const errors = { 400: error, 401: error, 403: error };
const bearer = [{ bearerAuth: [] }];

/**
 * GET and PUT /me/forwarding (SPEC J3, B2): the caller's own rules only —
 * there is no route to read or change anyone else's. Authentication runs
 * before validation (401 first, whatever the body).
 */
export async function registerForwardingRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  const forwarding = new ForwardingService({ db: ctx.db, clock: ctx.clock, changes: ctx.changes });
  const { preValidation, caller } = createCallerAuth(ctx);

  api.get(
    '/me/forwarding',
    {
      preValidation,
      schema: {
        summary: 'Own call forwarding rules (SPEC J3, B2); rules null: never set',
        tags: ['forwarding'],
        security: bearer,
        response: { 200: jsonSchemaOf(forwardingDocumentSchema, 'output'), ...errors },
      },
    },
    async (request) => forwarding.get(caller(request).accountId),
  );

  api.put<{ Body: ForwardingRules }>(
    '/me/forwarding',
    {
      preValidation,
      schema: {
        summary:
          'Replace the own forwarding rules (immediate, no answer, not reachable, busy, simultaneous ring, per state)',
        tags: ['forwarding'],
        security: bearer,
        body: jsonSchemaOf(forwardingRulesSchema),
        response: { 200: jsonSchemaOf(forwardingDocumentSchema, 'output'), ...errors },
      },
    },
    async (request) => forwarding.set(caller(request).accountId, request.body),
  );
}
