/**
 * Presence for plain SIP clients (issue #11 item 3): every user's presence is
 * PUBLISHed into Kamailio as PIDF/RPID (pidf-document.ts) through the pua
 * module's JSON-RPC `pua.publish`; Kamailio's presence server then NOTIFYs
 * every SIP watcher of the user (desk phones, baresip, linphone) that its
 * watch policy let in (route[WATCH_POLICY]: our authenticated users only).
 *
 * The UC server stays the only source: a PUT /me/presence is stored and
 * answered first, then signalled `presence-changed`; this publisher follows
 * those signals (the B6 return to office included) and publishes in the
 * background — never on the request's path. Kamailio keeps publications in
 * memory (`publ_cache=2`) for at most an hour, so:
 * - everyone is published when Kamailio is first reached and again whenever
 *   it restarted (`core.uptime`'s `up_since` changed, checked every
 *   `checkMs`), and every `refreshMs` (before the publications expire);
 * - a failed publication stays pending and is retried with backoff (full
 *   jitter), and the first success after an outage republishes everyone;
 * - an account created since is published by the next check.
 * "Internal only" (SPEC B3) publishes the full document: Kamailio lets only
 * our authenticated users watch (route[PRESENCE], route[WATCH_POLICY]), and
 * they are all internal. "Not visible" publishes a document that says nothing.
 * The pua module keeps the ETag of each presentity's publication and
 * modifies it in place (SIP-If-Match, RFC 3903 §4.4): we always send the
 * whole document, so nothing depends on an ETag surviving either side.
 */
import {
  ReconnectPolicy,
  type ReconnectPolicyOptions,
} from '../../../../src-preload/contract/platform/reconnect-policy';
import type { ChangeBus } from '../../platform/change-bus';
import type { Db } from '../../platform/db/database';
import type { FastifyInstance } from 'fastify';
import { KamailioRpc } from '../../platform/kamailio-rpc';
import { kamailioSecretOf } from '../../platform/kamailio-secret';
import type { ServerContext } from '../../platform/server-context';
import { PIDF_CONTENT_TYPE, pidfDocumentOf } from './pidf-document';
import type { PresenceService } from './presence-service';

/** Kamailio's presence `max_expires`. */
const PUBLISH_EXPIRES_S = 3600;
/** Publications in parallel (a refresh of every user of a large site). */
const CONCURRENCY = 8;
/** Before Kamailio was ever reached (it starts after the UC server), failures are logged from this attempt on. */
const QUIET_FIRST_ATTEMPTS = 5;

/** Options of {@link SipPresencePublisher}. */
export interface SipPresencePublisherOptions {
  rpc: Pick<KamailioRpc, 'puaPublish' | 'coreUptime'>;
  /** SIP domain of the presentities (`sip:NUMBER@DOMAIN`) */
  domain: string;
  db: Db;
  changes: ChangeBus;
  presence: Pick<PresenceService, 'get'>;
  /** how often Kamailio is checked for a restart (default 10 s) */
  checkMs?: number;
  /** how often everyone is published again (default 30 min, half the publication's life) */
  refreshMs?: number;
  /** retry delays after a failure */
  backoff?: ReconnectPolicyOptions;
  logger?: (message: string) => void;
}

/** See the file comment. One per server, started by the presence routes when Kamailio's RPC URL is configured. */
export class SipPresencePublisher {
  readonly #options: SipPresencePublisherOptions;
  readonly #log: (message: string) => void;
  readonly #backoff: ReconnectPolicy;
  /** accounts whose current presence is not known to be published */
  readonly #pending = new Set<number>();
  #unsubscribe: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #upSince: string | undefined;
  #down = false;
  #failedAttempts = 0;
  #lastFullAt = 0;
  /** the highest account id published so far: new accounts are picked up by the next check */
  #maxAccountId = 0;
  #flushing: Promise<number> | undefined;
  #ticking: Promise<void> | undefined;
  #stopped = false;

  constructor(options: SipPresencePublisherOptions) {
    this.#options = options;
    this.#log = options.logger ?? ((message) => console.error(message));
    this.#backoff = new ReconnectPolicy({ baseMs: 500, capMs: 30_000, ...options.backoff });
  }

  /** Follows presence changes and starts the check loop (its first tick publishes everyone). Returns at once. */
  start(): void {
    if (this.#unsubscribe || this.#stopped) return;
    this.#unsubscribe = this.#options.changes.onDidSignal((accountId, event) => {
      if (event.type !== 'presence-changed') return;
      this.#pending.add(accountId);
      // Kamailio known up: publish now; otherwise the check loop's next tick will
      if (this.#upSince !== undefined && !this.#down) void this.#flush();
    });
    this.#schedule(0);
  }

  /** Stops the loop; waits for the publications in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearTimeout(this.#timer);
    await Promise.allSettled([this.#ticking, this.#flushing]);
  }

  /** Whether every known change has been published (tests, benches). */
  get idle(): boolean {
    return this.#pending.size === 0 && this.#flushing === undefined && !this.#down && this.#upSince !== undefined;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      // one tick at a time
      this.#ticking = (this.#ticking ?? Promise.resolve()).then(() => this.#tick());
    }, ms);
    this.#timer.unref();
  }

  /** Checks Kamailio, republishes everyone after a (re)start or when due, publishes what is pending. */
  async #tick(): Promise<void> {
    if (this.#stopped) return;
    try {
      const { upSince } = await this.#options.rpc.coreUptime();
      const due = performance.now() - this.#lastFullAt >= (this.#options.refreshMs ?? 30 * 60_000);
      if (upSince !== this.#upSince || this.#down || due) {
        if (this.#upSince !== undefined && upSince !== this.#upSince)
          this.#log(`presence: Kamailio restarted (up since ${upSince}): publishing everyone again`);
        this.#upSince = upSince;
        await this.#markEveryone();
      } else {
        // accounts created since (CLI, admin): their default presence, without waiting for the refresh
        const added = await this.#options.db
          .selectFrom('accounts')
          .select('id')
          .where('id', '>', this.#maxAccountId)
          .execute();
        for (const { id } of added) this.#pending.add(id);
        this.#maxAccountId = added.reduce((max, a) => Math.max(max, a.id), this.#maxAccountId);
      }
      const failed = await this.#flush();
      if (failed > 0) throw new Error(`${failed} publication(s) failed`);
      if (this.#down) this.#log('presence: Kamailio reachable again, every presence published');
      this.#down = false;
      this.#failedAttempts = 0;
      this.#backoff.reset();
      this.#schedule(this.#options.checkMs ?? 10_000);
    } catch (error) {
      this.#failedAttempts += 1;
      const everReached = this.#upSince !== undefined;
      if ((everReached && !this.#down) || (!everReached && this.#failedAttempts === QUIET_FIRST_ATTEMPTS))
        this.#log(`presence: cannot publish to Kamailio (${(error as Error).message}); retrying`);
      if (everReached) this.#down = true;
      this.#schedule(this.#backoff.nextDelayMs());
    }
  }

  async #markEveryone(): Promise<void> {
    const accounts = await this.#options.db.selectFrom('accounts').select('id').execute();
    for (const { id } of accounts) this.#pending.add(id);
    this.#maxAccountId = accounts.reduce((max, a) => Math.max(max, a.id), 0);
    this.#lastFullAt = performance.now();
  }

  /**
   * Publishes the pending accounts until none is left (a change during a
   * publication queues the account again, so its latest state is sent last).
   * Resolves with the number of failures; a failure marks Kamailio down and
   * leaves the check loop to retry with backoff.
   */
  async #flush(): Promise<number> {
    for (;;) {
      this.#flushing ??= this.#drain().finally(() => (this.#flushing = undefined));
      const failures = await this.#flushing;
      if (failures > 0 || this.#pending.size === 0 || this.#stopped) return failures;
    }
  }

  async #drain(): Promise<number> {
    let failures = 0;
    while (this.#pending.size > 0 && !this.#stopped && failures === 0) {
      const batch = [...this.#pending];
      this.#pending.clear();
      const queue = batch.values();
      const worker = async (): Promise<void> => {
        for (let next = queue.next(); !next.done; next = queue.next()) {
          const accountId = next.value;
          try {
            await this.#publish(accountId);
          } catch (error) {
            failures += 1;
            this.#pending.add(accountId);
            if (failures === 1 && !this.#down && this.#upSince !== undefined)
              this.#log(`presence: publication of account ${accountId} failed (${(error as Error).message})`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batch.length) }, worker));
    }
    if (failures > 0 && !this.#down && this.#upSince !== undefined) {
      this.#down = true;
      this.#schedule(this.#backoff.nextDelayMs());
    }
    return failures;
  }

  async #publish(accountId: number): Promise<void> {
    const account = await this.#options.db
      .selectFrom('accounts')
      .select('number')
      .where('id', '=', accountId)
      .executeTakeFirst();
    // a deleted account: its publication expires by itself
    if (account === undefined) return;
    const presentity = `sip:${account.number}@${this.#options.domain}`;
    await this.#options.rpc.puaPublish({
      presentity,
      expires: PUBLISH_EXPIRES_S,
      event: 'presence',
      contentType: PIDF_CONTENT_TYPE,
      body: pidfDocumentOf(presentity, await this.#options.presence.get(accountId)),
    });
  }
}

/**
 * Starts the publisher of the server's presence when Kamailio's JSON-RPC is
 * configured (`kamailioRpcUrl`); stopped when the API closes.
 */
export function startSipPresence(api: FastifyInstance, ctx: ServerContext, presence: PresenceService): void {
  const url = ctx.config.kamailioRpcUrl;
  if (url === undefined) return;
  const publisher = new SipPresencePublisher({
    rpc: new KamailioRpc({ url, secret: kamailioSecretOf(ctx.config, 'json-rpc') }),
    domain: ctx.config.sipDomain,
    db: ctx.db,
    changes: ctx.changes,
    presence,
  });
  publisher.start();
  api.addHook('onClose', async () => publisher.stop());
}
