import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema } from '../../../../src-preload/contract/platform';
import {
  changePasswordRequestSchema,
  changePasswordResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  refreshRequestSchema,
  tokenPairSchema,
  type ChangePasswordRequest,
  type LoginRequest,
  type RefreshRequest,
} from '../../../../src-preload/contract/session';
import { findAccountById } from '../accounts';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { jsonSchemaOf } from '../../platform/http/zod-schema';
import type { ServerContext } from '../../platform/server-context';
import { authenticate, authenticateForPasswordChange } from '../../platform/auth/authenticate';
import { changePassword, login, logout, provisioningFor, refresh } from './auth-service';
import { LoginThrottle } from './login-throttle';

const error = jsonSchemaOf(apiErrorSchema, 'output');
const bearer = [{ bearerAuth: [] }];

/** Registers /auth/* and /me on an instance scoped to /api/v1. */
export async function registerAuthRoutes(api: FastifyInstance, ctx: ServerContext): Promise<void> {
  // one throttle for both password oracles (login, current password of a change); request.ip
  // is the TCP peer, or X-Forwarded-For from a proxy the config trusts (trustProxy)
  const throttle = new LoginThrottle(ctx.config.login, ctx.clock);

  api.post<{ Body: LoginRequest }>(
    '/auth/login',
    {
      schema: {
        summary: 'Log in with internal number + password',
        tags: ['auth'],
        body: jsonSchemaOf(loginRequestSchema),
        response: { 200: jsonSchemaOf(loginResponseSchema, 'output'), 401: error, 429: error },
      },
    },
    async (request) => login(ctx, throttle, request.body, request.ip),
  );

  api.post<{ Body: RefreshRequest }>(
    '/auth/refresh',
    {
      schema: {
        summary: 'Rotate a refresh token (the old one is revoked)',
        tags: ['auth'],
        body: jsonSchemaOf(refreshRequestSchema),
        response: { 200: jsonSchemaOf(tokenPairSchema, 'output'), 401: error },
      },
    },
    async (request) => refresh(ctx, request.body.refreshToken),
  );

  api.post<{ Body: RefreshRequest }>(
    '/auth/logout',
    {
      schema: {
        summary: 'Revoke the session of a refresh token',
        tags: ['auth'],
        body: jsonSchemaOf(refreshRequestSchema),
        response: { 204: jsonSchemaOf(z.null(), 'output') },
      },
    },
    async (request, reply) => {
      await logout(ctx, request.body.refreshToken);
      return reply.status(204).send();
    },
  );

  api.post<{ Body: ChangePasswordRequest }>(
    '/auth/password',
    {
      schema: {
        summary: 'Change the password (also allowed with a password-change-only token)',
        tags: ['auth'],
        security: bearer,
        body: jsonSchemaOf(changePasswordRequestSchema),
        response: {
          200: jsonSchemaOf(changePasswordResponseSchema, 'output'),
          400: error,
          401: error,
          429: error,
        },
      },
    },
    async (request) => {
      const caller = await authenticateForPasswordChange(request, ctx);
      const device = request.headers['user-agent'];
      return changePassword(
        ctx,
        caller.accountId,
        request.body.currentPassword,
        request.body.newPassword,
        { limiter: throttle, source: request.ip },
        typeof device === 'string' ? device.slice(0, 128) : null,
      );
    },
  );

  api.get(
    '/me',
    {
      schema: {
        summary: 'The caller account and its provisioning',
        tags: ['auth'],
        security: bearer,
        response: { 200: jsonSchemaOf(meResponseSchema, 'output'), 401: error, 403: error },
      },
    },
    async (request) => {
      const caller = await authenticate(request, ctx);
      const account = await findAccountById(ctx.db, caller.accountId);
      if (!account) throw new ApiHttpError(401, 'unauthorized', 'Account no longer exists');
      return {
        account: {
          number: account.number,
          displayName: account.display_name,
          ...(account.email ? { email: account.email } : {}),
        },
        provisioning: await provisioningFor(ctx, account),
      };
    },
  );
}
