import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../platform/config';
import { createServerContext, type Clock, type ServerContext } from '../platform/server-context';
import { createServerApp } from './create-server-app';
import { openServerDatabase } from './server-database';

/** A listening UC server. */
export interface RunningUcServer {
  readonly ctx: ServerContext;
  readonly app: FastifyInstance;
  /** `http://HOST:PORT/api/v1` */
  readonly apiUrl: string;
  /** `HOST:PORT` (what a user types in the login screen) */
  readonly serverAddress: string;
  readonly port: number;
  /** Closes the HTTP server (open WebSockets included) then the database; idempotent. */
  close(): Promise<void>;
}

/** Opens (and migrates) the database, builds the app and listens on config.host:config.port (0 = any free port). */
export async function startUcServer(
  config: ServerConfig,
  options: {
    clock?: Clock;
    logger?: boolean;
    /** where the request log goes (default stdout) */
    logStream?: NodeJS.WritableStream;
    prepare?: (ctx: ServerContext) => Promise<void>;
  } = {},
): Promise<RunningUcServer> {
  const database = await openServerDatabase(config.databaseUrl);
  const ctx = createServerContext({ database, config, clock: options.clock });
  let app: FastifyInstance | undefined;
  try {
    await options.prepare?.(ctx);
    app = await createServerApp(ctx, {
      logger: options.logger ?? false,
      ...(options.logStream ? { logStream: options.logStream } : {}),
      trustProxy: config.trustProxy,
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const serverAddress = `${config.host}:${port}`;
  let closing: Promise<void> | undefined;
  const listening = app;
  return {
    ctx,
    app: listening,
    apiUrl: `http://${serverAddress}/api/v1`,
    serverAddress,
    port,
    close() {
      closing ??= (async () => {
        try {
          await listening.close();
        } finally {
          await database.close();
        }
      })();
      return closing;
    },
  };
}
