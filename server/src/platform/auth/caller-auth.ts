import type { FastifyRequest } from 'fastify';
import { ApiHttpError } from '../http/api-http-error';
import type { ServerContext } from '../server-context';
import { authenticate, type AuthenticatedAccount } from './authenticate';

/**
 * The authenticated caller of the /api/v1 routes of one plugin: the routes
 * pass {@link CallerAuth.preValidation} so authentication runs before
 * body/query validation (an anonymous caller gets 401 whatever it sends,
 * and learns nothing about the payload rules), and the handler reads the
 * account with {@link CallerAuth.caller}.
 */
export interface CallerAuth {
  /** Route option: authenticates the request (401/403) and remembers its caller. */
  preValidation(request: FastifyRequest): Promise<void>;
  /** The caller remembered for `request`; 401 when it was not authenticated. */
  caller(request: FastifyRequest): AuthenticatedAccount;
  /** Remembers a caller authenticated another way (not through the Authorization header). */
  remember(request: FastifyRequest, account: AuthenticatedAccount): void;
}

export function createCallerAuth(ctx: ServerContext): CallerAuth {
  const callers = new WeakMap<FastifyRequest, AuthenticatedAccount>();
  return {
    preValidation: async (request) => {
      callers.set(request, await authenticate(request, ctx));
    },
    caller: (request) => {
      const account = callers.get(request);
      if (account === undefined) throw new ApiHttpError(401, 'unauthorized', 'Not authenticated');
      return account;
    },
    remember: (request, account) => {
      callers.set(request, account);
    },
  };
}
