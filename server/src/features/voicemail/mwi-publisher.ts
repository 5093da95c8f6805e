import { KamailioRpc } from '../../platform/kamailio-rpc';
import type { ServerContext } from '../../platform/server-context';

/** Kamailio's presence keeps a publication at most this long (presence max_expires): refreshed before. */
const PUBLISH_EXPIRES_S = 3600;
const REFRESH_MS = 30 * 60_000;

/** Options of {@link MwiPublisher}. */
export interface MwiPublisherOptions {
  /** Kamailio's JSON-RPC over HTTP, e.g. http://127.0.0.1:8080/RPC (accepted from its own host only) */
  rpcUrl: string;
  /** the X-RPC-Secret Kamailio requires (kamailioSecretOf(config, 'json-rpc')) */
  rpcSecret: string;
  /** SIP domain of the mailboxes' AORs */
  domain: string;
  /** the voicemail service's AOR, put in Message-Account */
  messageAccount: string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  logger?: (message: string) => void;
}

/** The RFC 3842 message-summary body of a mailbox with `newCount` new and `oldCount` listened messages. */
export function messageSummaryBody(newCount: number, oldCount: number, messageAccount: string): string {
  return (
    `Messages-Waiting: ${newCount > 0 ? 'yes' : 'no'}\r\n` +
    `Message-Account: ${messageAccount}\r\n` +
    `Voice-Message: ${newCount}/${oldCount}\r\n`
  );
}

/**
 * Message-waiting indication (SPEC H6, RFC 3842): after every change of a
 * mailbox (the `voicemails-changed` signal), publishes its message-summary
 * through Kamailio's `pua.publish` JSON-RPC; Kamailio's presence_mwi then
 * NOTIFYs every device subscribed to the user's `message-summary` event
 * (desk phones light their lamp). Publications are refreshed every 30 min
 * (they expire after an hour in Kamailio). Failures are logged, never thrown:
 * MWI is a hint, the voicemail list itself comes from the API.
 */
export class MwiPublisher {
  private readonly ctx: ServerContext;
  private readonly options: MwiPublisherOptions;
  private readonly rpc: KamailioRpc;
  private unsubscribe: (() => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(ctx: ServerContext, options: MwiPublisherOptions) {
    this.ctx = ctx;
    this.options = options;
    this.rpc = new KamailioRpc({
      url: options.rpcUrl,
      secret: options.rpcSecret,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** Publishes every mailbox that has messages, then follows the changes. */
  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.unsubscribe = this.ctx.changes.onDidSignal((accountId, event) => {
      if (event.type === 'voicemails-changed') this.track(this.publish(accountId));
    });
    this.timer = setInterval(() => this.track(this.publishAll()), REFRESH_MS);
    this.timer.unref();
    await this.publishAll();
  }

  /** Stops following; waits for the publications in flight. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.timer);
    await Promise.allSettled([...this.pending]);
  }

  /** Publishes the current summary of one mailbox. */
  async publish(accountId: number): Promise<void> {
    try {
      const account = await this.ctx.db
        .selectFrom('accounts')
        .select('number')
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (!account) return;
      const rows = await this.ctx.db
        .selectFrom('voicemails')
        .select('listened')
        .where('account_id', '=', accountId)
        .execute();
      const newCount = rows.filter((r) => Number(r.listened) === 0).length;
      await this.rpc.puaPublish({
        presentity: `sip:${account.number}@${this.options.domain}`,
        expires: PUBLISH_EXPIRES_S,
        event: 'message-summary',
        contentType: 'application/simple-message-summary',
        body: messageSummaryBody(newCount, rows.length - newCount, this.options.messageAccount),
      });
    } catch (error) {
      this.options.logger?.(`MWI publish for account ${accountId} failed: ${(error as Error).message}`);
    }
  }

  private async publishAll(): Promise<void> {
    try {
      const owners = await this.ctx.db.selectFrom('voicemails').select('account_id').distinct().execute();
      for (const { account_id } of owners) await this.publish(account_id);
    } catch (error) {
      this.options.logger?.(`MWI refresh failed: ${(error as Error).message}`);
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}
