import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { UC_API_BASE_PATH } from '../../../src-preload/contract/platform';
import type { ServerConfig } from '../platform/config';
import { createServerContext, type Clock, type ServerContext } from '../platform/server-context';
import { certificateFingerprint } from '../platform/tls/self-signed-certificate';
import { createServerApp } from './create-server-app';
import { openServerDatabase } from './server-database';

/** A listening UC server. */
export interface RunningUcServer {
  readonly ctx: ServerContext;
  readonly app: FastifyInstance;
  /** `https://HOST:PORT/api/v1` */
  readonly apiUrl: string;
  /** `HOST:PORT` (what a user types in the login screen) */
  readonly serverAddress: string;
  readonly port: number;
  /** SHA-256 fingerprint of the certificate it serves (`AB:CD:…`), what a client shows and pins (SPEC A1) */
  readonly certificateFingerprint: string;
  /** `http://127.0.0.1:PORT/api/v1` of the internal listener (Kamailio's call routing), when configured */
  readonly internalApiUrl: string | undefined;
  /** Closes the HTTP server (open WebSockets included) then the database; idempotent. */
  close(): Promise<void>;
}

/** Only these paths are served on the internal plain-HTTP listener. */
const INTERNAL_PREFIX = `${UC_API_BASE_PATH}/internal/`;

/**
 * Opens (and migrates) the database, builds the app and listens with HTTPS on
 * config.host:config.port (0 = any free port). There is no cleartext API
 * (issue 10): without `config.tls` it refuses to start. The optional internal
 * listener ({@link ServerConfig.internalPort}) is plain HTTP on 127.0.0.1 and
 * answers only `/api/v1/internal/…` (secret-protected, for Kamailio).
 */
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
  const tls = config.tls;
  if (!tls) throw new Error('The UC server serves HTTPS only: give it a certificate (--tls-cert FILE --tls-key FILE)');
  const https = { cert: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) };
  const fingerprint = certificateFingerprint(tls.certPath);
  const database = await openServerDatabase(config.databaseUrl);
  const ctx = createServerContext({ database, config, clock: options.clock });
  let app: FastifyInstance | undefined;
  let internal: Server | undefined;
  try {
    await options.prepare?.(ctx);
    app = await createServerApp(ctx, {
      logger: options.logger ?? false,
      ...(options.logStream ? { logStream: options.logStream } : {}),
      trustProxy: config.trustProxy,
      https,
    });
    await app.listen({ host: config.host, port: config.port });
    if (config.internalPort !== undefined) internal = await listenInternal(app, config.internalPort);
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const serverAddress = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const internalAddress = internal?.address();
  const internalApiUrl =
    typeof internalAddress === 'object' && internalAddress !== null
      ? `http://127.0.0.1:${internalAddress.port}${UC_API_BASE_PATH}`
      : undefined;
  let closing: Promise<void> | undefined;
  const listening = app;
  const internalServer = internal;
  return {
    ctx,
    app: listening,
    apiUrl: `https://${serverAddress}${UC_API_BASE_PATH}`,
    serverAddress,
    port,
    certificateFingerprint: fingerprint,
    internalApiUrl,
    close() {
      closing ??= (async () => {
        try {
          if (internalServer) await new Promise<void>((r) => internalServer.close(() => r()));
          await listening.close();
        } finally {
          await database.close();
        }
      })();
      return closing;
    },
  };
}

/** The internal listener: 127.0.0.1 only, `/api/v1/internal/…` only, handed to the same Fastify routes. */
async function listenInternal(app: FastifyInstance, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (!(request.url ?? '').startsWith(INTERNAL_PREFIX)) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'not-found', message: 'Only internal routes are served here' }));
      return;
    }
    app.routing(request, response);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  return server;
}
