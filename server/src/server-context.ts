import type { Db, DatabaseDialect } from './db/database';
import type { ServerConfig } from './config';
import type { AgentHealthRegistry } from './health/agent-health';

/** A source of time, injected so tests can move it (token expiry, login backoff). */
export interface Clock {
  /** epoch ms */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Everything a route or service of the UC server needs (passed explicitly, no globals). */
export interface ServerContext {
  db: Db;
  dialect: DatabaseDialect;
  config: ServerConfig;
  clock: Clock;
  /** the SIP agents running in this process (voicemail…) and their registration state */
  agents: AgentHealthRegistry;
}
