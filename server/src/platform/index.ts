/**
 * The UC server's platform (public surface): what every feature builds on —
 * the server context (database, config, clock, SIP agents, change bus), the
 * database and its migrator, the HTTP app, auth plumbing, idempotency keys.
 * It imports no feature.
 */
export { AgentHealthRegistry, type AgentHealth } from './agent-health';
export { verifyAccessToken, signAccessToken, type AccessTokenClaims, type TokenScope } from './auth/access-token';
export {
  authenticate,
  authenticateForPasswordChange,
  authenticateToken,
  type AuthenticatedAccount,
} from './auth/authenticate';
export { createCallerAuth } from './auth/caller-auth';
export { ChangeBus, type ChangeListener, type ChangeNotice } from './change-bus';
export { kamailioSecretOf, type KamailioSecretPurpose } from './kamailio-secret';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_LOGIN_LIMITS,
  configInputFromEnv,
  loadTokenSecret,
  resolveServerConfig,
  type ConfigInput,
  type IceServer,
  type LoginLimits,
  type ServerConfig,
} from './config';
export {
  openDatabase,
  parseDatabaseUrl,
  type Database,
  type DatabaseDialect,
  type Db,
  type OpenDatabase,
  type OpenDatabaseOptions,
} from './db/database';
export { migrateDatabase, type ServerMigration } from './db/migrate';
export { addIdColumn, isPostgres } from './db/schema-helpers';
export { runSerializedWrite } from './db/serialized-write';
export { migration0003ServerSettings } from './db/migrations/0003-server-settings';
export type * from './db/server-settings-tables';
export { ApiHttpError } from './http/api-http-error';
export { createHttpApp, type HttpAppOptions } from './http/create-http-app';
export { describeZodError, jsonSchemaOf, zodValidatorCompiler } from './http/zod-schema';
export { purgeIdempotencyKeys, requireIdempotencyKey, runIdempotent } from './idempotency/idempotency';
export { migration0012IdempotencyKeys } from './idempotency/migrations/0012-idempotency-keys';
export type * from './idempotency/idempotency-tables';
export { createServerContext, systemClock, type ChangeScope, type Clock, type ServerContext } from './server-context';
export type { ServerFeature } from './server-feature';
