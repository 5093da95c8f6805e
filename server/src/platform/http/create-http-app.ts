import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import { UC_API_BASE_PATH, type ApiError } from '../../../../src-preload/contract/platform';
import { ApiHttpError } from './api-http-error';
import { describeZodError, zodValidatorCompiler } from './zod-schema';

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions {
  /** Fastify request logging (the CLI turns it on; tests keep it off). */
  logger?: boolean;
  /** where the log goes when `logger` is on (default stdout; tests read it) */
  logStream?: NodeJS.WritableStream;
  /** Fastify trustProxy: whose X-Forwarded-For gives request.ip (default false: none) */
  trustProxy?: boolean | string[];
  /** serve HTTPS with this certificate and key (PEM); without it the app only answers inject() or a listener given to it */
  https?: { key: Buffer; cert: Buffer };
}

/**
 * What a request looks like in the log: no query string (it could carry a
 * token or personal data) and no headers (Authorization, cookies).
 */
export function logRequestSerializer(request: {
  method: string;
  url: string;
  ip?: string;
  socket?: { remotePort?: number };
}): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url.split('?')[0],
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function loggerOptions(options: HttpAppOptions): FastifyServerOptions['logger'] {
  if (!(options.logger ?? false)) return false;
  return {
    level: 'info',
    serializers: { req: logRequestSerializer },
    // belt and braces if someone logs a raw request or its headers
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'],
      censor: '[redacted]',
    },
    ...(options.logStream ? { stream: options.logStream } : {}),
  };
}

/** Largest request body: a 5 MB contacts import in base64 plus JSON. */
const BODY_LIMIT = 8 * 1024 * 1024;

/**
 * The Fastify app every UC server feature is registered on (not listening
 * yet, no routes): zod validation, the OpenAPI document generator (paths
 * relative to /api/v1), the WebSocket plugin, and one error handler so every
 * non-2xx reply has an ApiError body.
 */
export async function createHttpApp(options: HttpAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options),
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance; // an https.Server is an http.Server for everything the features use
  app.setValidatorCompiler(zodValidatorCompiler);
  // replies are built from typed code; the JSON Schemas are for documentation
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Switchboard UC server API', version: '1' },
      servers: [{ url: UC_API_BASE_PATH }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    // paths in the document are relative to the server url above
    transform: ({ schema, url }) => ({
      schema,
      url: url.startsWith(UC_API_BASE_PATH) ? url.slice(UC_API_BASE_PATH.length) || '/' : url,
    }),
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });

  app.setErrorHandler((error: FastifyError | ApiHttpError | Error, request, reply) => {
    if (error instanceof ApiHttpError) {
      if (error.extra.retryAfterS !== undefined) void reply.header('retry-after', String(error.extra.retryAfterS));
      return reply.status(error.statusCode).send(error.toBody());
    }
    if (error instanceof z.ZodError) {
      return reply.status(400).send(body('invalid-request', describeZodError(error)));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      return reply
        .status(400)
        .send(body('invalid-request', `Invalid ${fastifyError.validationContext ?? 'request'}: ${error.message}`));
    }
    const status = fastifyError.statusCode;
    // Fastify's own client errors: malformed JSON, wrong content type, body too large …
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.status(status).send(body(status === 404 ? 'not-found' : 'invalid-request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'Internal server error'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(body('not-found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
  return app;
}

function body(error: ApiError['error'], message: string): ApiError {
  return { error, message };
}
