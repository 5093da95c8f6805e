/**
 * Busy lamps (SPEC B4): each internal user's line state, from what Kamailio
 * says about their calls and devices.
 *
 * Events: Kamailio forwards its own pua's dialog-info (RFC 4235, one per call
 * and party) and reginfo (RFC 3680, one per usrloc change) documents in
 * batches (kamailio.cfg route[LAMPS_FORWARD] / route[LAMPS_DRAIN]).
 * Reconcile: at start, every 30 s, after Kamailio says it lost events and
 * when a line looks stale, the registrations (`ul.dump`) and calls
 * (`dlg.list`) are read over JSON-RPC, so a lost event heals.
 * Each line whose state changes is written to `ctx.lines` (what GET /presence
 * shows, under the presence visibility) and announced like a presence change
 * (`others-presence-changed`), except for a user who is not visible.
 */
import { VOICEMAIL_SIP_USER } from '../../../../src-preload/contract/voicemail';
import { parseReginfo } from '../../../../src-preload/contract/sip';
import type { ServerContext } from '../../platform/server-context';
import { PresenceService } from '../presence';
import { parseDialogInfo } from './dialog-info';
import type { LineDialog, PartyKind } from './derive-line-state';
import type { LineReader } from './kamailio-line-reader';
import { LineBook } from './line-book';

/** What Kamailio POSTs (see LINE_EVENTS_PATH). */
export interface LineEventBatch {
  /** Kamailio dropped events since the last batch (queue full, UC server down) */
  readonly lost: boolean;
  readonly events: readonly { readonly event: 'dialog' | 'reg'; readonly entity: string; readonly body: string }[];
}

export interface LampsServiceOptions {
  /** Kamailio's registrations and calls; undefined = events only (no reconcile) */
  reader: LineReader | undefined;
  /** period of the reconcile (default 30 s) */
  reconcileMs?: number;
  logger?: (message: string) => void;
}

const DEFAULT_RECONCILE_MS = 30_000;
/** how long a pickup is remembered for the reconcile (longer than any call of the reconcile's interest) */
const PICKED_UP_MEMORY_MS = 12 * 3600_000;
/** first retry of a failed reconcile; doubles up to the period */
const RETRY_MS = 1_000;
/** a line that may hold a stale call is checked this soon */
const STALE_CHECK_MS = 500;
/** entities logged as unknown, at most (each once) */
const MAX_LOGGED_UNKNOWN = 1_000;

/** See the file comment. One per server (created by the lamps feature). */
export class LampsService {
  readonly #ctx: ServerContext;
  readonly #reader: LineReader | undefined;
  readonly #reconcileMs: number;
  readonly #log: (message: string) => void;
  readonly #book = new LineBook();
  readonly #presence: PresenceService;
  readonly #ownDomains: ReadonlySet<string>;
  readonly #loggedUnknown = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #retryMs = RETRY_MS;
  #reconciling: Promise<void> | undefined;
  #again = false;
  #readerDown = false;
  /** failed reads in a row (the first ones are expected: Kamailio starts after this server) */
  #failures = 0;
  #everRead = false;
  #stopped = false;
  /** registration checks, one after the other (each reads usrloc as it is then) */
  #checks: Promise<void> = Promise.resolve();
  #stopSignals: (() => void) | undefined;
  /** SIP Call-ID of a picked-up call → its original callee and the picker (for the reconcile) */
  readonly #pickedUp = new Map<string, { from: string; to: string; at: number }>();

  constructor(ctx: ServerContext, options: LampsServiceOptions) {
    this.#ctx = ctx;
    this.#reader = options.reader;
    this.#reconcileMs = options.reconcileMs ?? DEFAULT_RECONCILE_MS;
    this.#log = options.logger ?? ((message) => console.error(message));
    // reads only: the visibility of whoever's line changed
    this.#presence = new PresenceService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
    this.#ownDomains = new Set([ctx.config.sipDomain.toLowerCase(), ctx.config.host.toLowerCase()]);
  }

  /** First reconcile now (not awaited: Kamailio may start after this server), then periodically. */
  start(): void {
    this.#schedule(0);
    // a pickup (the pickup feature tells the called user's devices): the call is the picker's now
    this.#stopSignals = this.#ctx.changes.onDidSignal((accountId, event) => {
      if (event.type === 'call-picked-up') void this.#onPickedUp(accountId, event.sipCallId, event.by);
    });
  }

  async stop(): Promise<void> {
    this.#stopSignals?.();
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#reconciling?.catch(() => undefined);
    await this.#checks;
  }

  /** Applies one batch from Kamailio; a malformed or unknown document is logged and skipped. */
  async receive(batch: LineEventBatch): Promise<void> {
    for (const event of batch.events) {
      try {
        const entity = Buffer.from(event.entity, 'base64').toString('utf8');
        const body = Buffer.from(event.body, 'base64').toString('utf8');
        if (event.event === 'dialog') await this.#onDialogInfo(entity, body);
        else await this.#onRegInfo(body);
      } catch (error) {
        this.#log(
          `busy lamps: ${event.event} event ignored: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (batch.lost) {
      this.#log('busy lamps: Kamailio lost line events; reconciling');
      this.#schedule(0);
    }
  }

  /** Waits for the registration checks started so far (tests). */
  async settled(): Promise<void> {
    await this.#checks;
    await this.#reconciling;
  }

  async #onPickedUp(accountId: number, sipCallId: string, picker: string): Promise<void> {
    const account = await this.#ctx.db
      .selectFrom('accounts')
      .select('number')
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (account === undefined) return;
    const now = Date.now();
    for (const [callId, entry] of this.#pickedUp)
      if (now - entry.at > PICKED_UP_MEMORY_MS) this.#pickedUp.delete(callId);
    this.#pickedUp.set(sipCallId, { from: account.number, to: picker, at: now });
    this.#book.handOver(account.number, picker, now);
    await this.#publish(account.number);
    await this.#publish(picker);
  }

  async #onDialogInfo(entity: string, body: string): Promise<void> {
    const document = parseDialogInfo(body);
    const number = await this.#accountNumberOf(entity);
    if (number === undefined) return;
    const now = Date.now();
    const changed = new Set<string>();
    for (const dialog of document.dialogs) {
      const owner = this.#book.ownerOf(number, dialog.id);
      changed.add(owner);
      // a call that ended but that the last reconcile put there under another id: check soon
      if (dialog.phase === 'terminated' && this.#book.hasReconciledDialogs(owner)) this.#schedule(STALE_CHECK_MS);
      this.#book.applyDialog(
        number,
        dialog.id,
        dialog.phase,
        { direction: dialog.direction, remote: await this.#partyOf(dialog.remote) },
        now,
      );
    }
    for (const owner of changed.size > 0 ? changed : [number]) await this.#publish(owner);
  }

  async #onRegInfo(body: string): Promise<void> {
    const info = parseReginfo(body);
    for (const registration of info.registrations) {
      const number = await this.#accountNumberOf(registration.aor);
      if (number === undefined) continue;
      const active = registration.state !== 'terminated' && registration.contacts.some((c) => c.state === 'active');
      this.#book.setRegistered(number, active);
      await this.#publish(number);
      // usrloc is the truth (another device of the user may still be there): read it
      this.#checkRegistration(number);
    }
  }

  #checkRegistration(number: string): void {
    const reader = this.#reader;
    if (reader === undefined) return;
    this.#checks = this.#checks.then(async () => {
      if (this.#stopped) return;
      try {
        this.#book.setRegistered(number, await reader.isRegistered(number));
        await this.#publish(number);
      } catch (error) {
        this.#log(`busy lamps: registration of ${number} unreadable: ${String(error)}`);
      }
    });
  }

  #schedule(delayMs: number): void {
    if (this.#stopped || this.#reader === undefined) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#reconcile();
    }, delayMs);
    this.#timer.unref();
  }

  async #reconcile(): Promise<void> {
    if (this.#reconciling !== undefined) {
      this.#again = true;
      return;
    }
    this.#reconciling = this.#readKamailio();
    await this.#reconciling;
    this.#reconciling = undefined;
    if (this.#again) {
      this.#again = false;
      this.#schedule(0);
    }
  }

  /** One reconcile: every account's registration and calls as Kamailio has them now. */
  async #readKamailio(): Promise<void> {
    const reader = this.#reader;
    if (reader === undefined || this.#stopped) return;
    const since = Date.now();
    try {
      const [registered, dialogs, accounts] = await Promise.all([
        reader.registeredUsers(),
        reader.dialogs(),
        this.#ctx.db.selectFrom('accounts').select('number').execute(),
      ]);
      const byNumber = new Map<string, Map<string, LineDialog>>();
      const add = (number: string, key: string, dialog: LineDialog): void => {
        const calls = byNumber.get(number) ?? new Map<string, LineDialog>();
        calls.set(key, dialog);
        byNumber.set(number, calls);
      };
      const numbers = new Set(accounts.map((a) => a.number));
      for (const dialog of dialogs) {
        // 5 = deleted; 1 = no answer yet, 2 = early (ringing), 3/4 = confirmed
        if (dialog.state < 1 || dialog.state > 4) continue;
        const phase = dialog.state >= 3 ? 'confirmed' : dialog.state === 2 ? 'early' : 'trying';
        const caller = this.#ownUserOf(dialog.fromUri);
        let callee = this.#ownUserOf(dialog.toUri);
        // a picked-up call stays addressed to its first callee in Kamailio: it is the picker's
        const picked = dialog.callId === undefined ? undefined : this.#pickedUp.get(dialog.callId);
        if (picked !== undefined && picked.from === callee) callee = picked.to;
        if (caller !== undefined && numbers.has(caller))
          add(caller, dialog.key, { direction: 'initiator', phase, remote: await this.#partyOf(dialog.toUri) });
        if (callee !== undefined && numbers.has(callee))
          add(callee, dialog.key, { direction: 'recipient', phase, remote: await this.#partyOf(dialog.fromUri) });
      }
      for (const number of numbers) {
        this.#book.setRegistered(number, registered.has(number));
        this.#book.reconcileDialogs(number, byNumber.get(number) ?? new Map(), since);
        await this.#publish(number);
      }
      if (this.#readerDown) this.#log('busy lamps: Kamailio readable again');
      this.#readerDown = false;
      this.#everRead = true;
      this.#failures = 0;
      this.#retryMs = RETRY_MS;
      this.#schedule(this.#reconcileMs);
    } catch (error) {
      // Kamailio not started yet, restarting, or gone: said once per outage, retried less and less often
      this.#failures += 1;
      if (!this.#readerDown && (this.#everRead || this.#failures >= 5)) {
        this.#log(`busy lamps: cannot read Kamailio (${String(error)}); retrying`);
        this.#readerDown = true;
      }
      this.#schedule(this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, this.#reconcileMs);
    }
  }

  /** Writes the line of `number` to the board; when it changed, tells the others (if they may see it). */
  async #publish(number: string): Promise<void> {
    if (!this.#ctx.lines.set(number, this.#book.lineOf(number))) return;
    const account = await this.#ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirst();
    if (account === undefined) return;
    // SPEC B3: "not visible" hides the connection state too; GET /presence leaves it out then
    if ((await this.#presence.get(account.id)).visibility === 'none') return;
    this.#ctx.changes.broadcast({ type: 'others-presence-changed', numbers: [number] }, account.id);
  }

  /** The account number an entity / AoR names (`sip:100@our-domain`, or `100` with use_domain off). */
  async #accountNumberOf(uri: string): Promise<string | undefined> {
    const user = /^[^:@]+$/.test(uri) ? uri : this.#ownUserOf(uri);
    const account =
      user === undefined
        ? undefined
        : await this.#ctx.db.selectFrom('accounts').select('number').where('number', '=', user).executeTakeFirst();
    if (account === undefined) {
      if (!this.#loggedUnknown.has(uri) && this.#loggedUnknown.size < MAX_LOGGED_UNKNOWN) {
        this.#loggedUnknown.add(uri);
        this.#log(`busy lamps: ${JSON.stringify(uri.slice(0, 200))} is none of our users: ignored`);
      }
      return undefined;
    }
    return account.number;
  }

  /** The user part of a SIP URI in one of our domains; undefined for anything else (tel:, foreign hosts). */
  #ownUserOf(uri: string): string | undefined {
    const match = /^\s*<?sips?:([^@;>]+)@([^;>:?]+)/i.exec(uri);
    if (match === null) return undefined;
    return this.#ownDomains.has(match[2]!.toLowerCase()) ? decodeURIComponent(match[1]!) : undefined;
  }

  /**
   * Internal: one of our users, or our voicemail (`vmNNN` / `voicemail`), in our domain. Anyone else —
   * another domain, a trunk, an unknown number — is external. Our domain means authenticated: Kamailio
   * challenges every request whose From is in it (route[AUTH]).
   */
  async #partyOf(uri: string | undefined): Promise<PartyKind> {
    const user = uri === undefined ? undefined : this.#ownUserOf(uri);
    if (user === undefined) return 'external';
    if (user === VOICEMAIL_SIP_USER || /^vm[A-Za-z0-9._-]{1,32}$/.test(user)) return 'internal';
    const account = await this.#ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('number', '=', user)
      .executeTakeFirst();
    return account === undefined ? 'external' : 'internal';
  }
}
