/**
 * Each account's call forwarding rules (SPEC J3, B2): read and replaced as a
 * whole, validated by the contract's schema (the routes' JSON schema cannot
 * check every rule: windows, time zones, simultaneous ring's number). A
 * change is signalled `forwarding-changed` to the account's live connections.
 * The call routing reads them for every call (see routing/call-routing.ts).
 */
import {
  forwardingRulesSchema,
  type ForwardingDocument,
  type ForwardingRules,
} from '../../../../src-preload/contract/forwarding';
import type { Clock } from '../../platform/server-context';
import type { ChangeBus } from '../../platform/change-bus';
import type { Db } from '../../platform/db/database';
import { ApiHttpError } from '../../platform/http/api-http-error';

export interface ForwardingServiceOptions {
  db: Db;
  clock: Clock;
  changes: ChangeBus;
}

export class ForwardingService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #changes: ChangeBus;

  constructor(options: ForwardingServiceOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#changes = options.changes;
  }

  /** The account's rules (null: never set). */
  async get(accountId: number): Promise<ForwardingDocument> {
    const row = await this.#db
      .selectFrom('forwarding_rules')
      .select(['rules', 'updated_at'])
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!row) return { rules: null, updatedAt: 0 };
    return { rules: parseStoredRules(row.rules), updatedAt: Number(row.updated_at) };
  }

  /** Replaces the account's rules; 400 `invalid-request` with the first problem found. */
  async set(accountId: number, input: unknown): Promise<ForwardingDocument> {
    const parsed = forwardingRulesSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') ?? '';
      throw new ApiHttpError(
        400,
        'invalid-request',
        `${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`,
      );
    }
    const rules = parsed.data;
    const before = await this.get(accountId);
    // strictly increasing per account, so a client can tell the newer of two replies
    const updatedAt = Math.max(this.#clock.now(), before.updatedAt + 1);
    const json = JSON.stringify(rules);
    await this.#db
      .insertInto('forwarding_rules')
      .values({ account_id: accountId, rules: json, updated_at: updatedAt })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ rules: json, updated_at: updatedAt }))
      .execute();
    this.#changes.signal(accountId, { type: 'forwarding-changed' });
    return { rules, updatedAt };
  }
}

/**
 * A stored document that no longer passes the schema (written by an older
 * server) must not break call routing: it reads as "no rules" and says so.
 */
function parseStoredRules(json: string): ForwardingRules | null {
  try {
    const parsed = forwardingRulesSchema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
    console.error(`forwarding: stored rules no longer valid (${parsed.error.issues[0]?.message ?? ''}), ignored`);
  } catch (error) {
    console.error('forwarding: stored rules unreadable, ignored', error);
  }
  return null;
}
