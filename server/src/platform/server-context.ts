import { AgentHealthRegistry } from './agent-health';
import { ChangeBus } from './change-bus';
import type { ServerConfig } from './config';
import type { DatabaseDialect, Db, OpenDatabase } from './db/database';
import { LineStateBoard } from './line-states';

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
  /**
   * Committed changes and live-event signals of this server: writers publish
   * after their commit, the live-events hub (and the MWI publisher) follow it.
   * One per context: whoever writes through this context reaches its hub.
   */
  changes: ChangeBus;
  /** each number's line state (busy lamps): the lamps feature writes it, GET /presence reads it */
  lines: LineStateBoard;
}

/** The part of the context a writer that publishes its changes needs. */
export type ChangeScope = Pick<ServerContext, 'db' | 'changes'>;

/** Builds the context of one server (or CLI run) around an open database: a new agent registry and change bus. */
export function createServerContext(options: {
  database: Pick<OpenDatabase, 'db' | 'dialect'>;
  config: ServerConfig;
  clock?: Clock;
}): ServerContext {
  return {
    db: options.database.db,
    dialect: options.database.dialect,
    config: options.config,
    clock: options.clock ?? systemClock,
    agents: new AgentHealthRegistry(),
    changes: new ChangeBus(),
    lines: new LineStateBoard(),
  };
}
