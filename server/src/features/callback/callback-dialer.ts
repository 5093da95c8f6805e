import { randomBytes, randomUUID } from 'node:crypto';
import { Inviter, SessionState, UserAgent, type Notification } from 'sip.js';
import { WebSocket as NodeWebSocket } from 'ws';
import {
  defaultForwardingRules,
  type CallbackPhase,
  type CallbackVia,
  type DialMode,
} from '../../../../src-preload/contract/forwarding';
import { assertNever, SWITCHBOARD_USER_AGENT } from '../../../../src-preload/contract/platform';
import { kamailioSecretOf } from '../../platform/kamailio-secret';
import { KamailioRpc } from '../../platform/kamailio-rpc';
import { upsertSubscriber } from '../accounts';
import { classifyDialed, readDialPlanSettings } from '../trunks';
import { PcmuMediaSession } from '../voicemail';
import type { ServerContext } from '../../platform/server-context';
import { ForwardingService } from '../forwarding';

/** The SIP user the callback service authenticates as (a `subscriber` row only, like the voicemail service). */
export const CALLBACK_SIP_USER = 'callback';
/** The CallMe phone must answer within this, or the callback is given up. */
const CALLME_ANSWER_TIMEOUT_MS = 45_000;
/** After the REFER, the CallMe phone must report the destination's answer (or give up) within this. */
const TRANSFER_TIMEOUT_MS = 90_000;

/** Who places one call the user started in the app (SPEC J4). */
export type PlacedBy =
  /** the app dials itself: dial mode `app`, or an emergency number (SPEC G: never through a callback) */
  | { by: 'app'; reason: 'dial-mode' | 'emergency' }
  /** the server rings the CallMe phone first, then hands it the destination */
  | { by: 'callback'; via: CallbackVia; callback: CallbackCall };

/**
 * Progress of one callback (SPEC B5):
 * ```
 * calling-callme ──answered──▶ connecting ──destination answers (NOTIFY 200)──▶ connected
 *        └──────────── refused / no answer / REFER refused / timeout ──────────────▶ failed
 * ```
 */
export type { CallbackPhase };

/** One callback in progress; `done` settles with the final phase. */
export interface CallbackCall {
  readonly id: string;
  readonly phase: CallbackPhase;
  readonly done: Promise<CallbackPhase>;
  onDidChange(listener: (phase: CallbackPhase) => void): () => void;
}

/** Options of {@link CallbackDialer}. */
export interface CallbackDialerOptions {
  /** Kamailio's SIP WebSocket, e.g. ws://127.0.0.1:8080 */
  wsUrl: string;
  /** SIP domain; default ctx.config.sipDomain */
  domain?: string;
  /**
   * Kamailio's JSON-RPC URL, where the one-time token of each callback is
   * stored (htable `callback`); default derived from wsUrl (ws://host:port → http://host:port/RPC)
   */
  rpcUrl?: string;
  /** see {@link PcmuMediaSession} */
  bindAddress?: string;
  logger?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * Places the calls a user starts in the app as their dial mode says (SPEC J4,
 * B5). Callback: a SIP user agent of the server INVITEs the user's CallMe
 * number through Kamailio (so it reaches an internal phone or goes out through
 * the trunk like any call) and, once it answers, REFERs it to the destination
 * (RFC 3515): the phone then calls the destination itself. Chosen over 3PCC
 * (RFC 3725) because the media then flows phone ↔ destination with no leg of
 * ours in the middle and no SDP to shuttle between two dialogs (our agent is
 * a WebSocket client; rtpengine would bridge each leg separately). Our leg is
 * hung up as soon as the phone reports the destination's answer.
 *
 * Emergency numbers (the dial plan's list) are never placed here: the app
 * dials them itself, whatever the mode.
 */
export class CallbackDialer {
  private readonly ctx: ServerContext;
  private readonly options: CallbackDialerOptions;
  private readonly forwarding: ForwardingService;
  private readonly log: NonNullable<CallbackDialerOptions['logger']>;
  private ua: UserAgent | undefined;
  private readonly rpc: KamailioRpc;
  private readonly sessions = new Set<Inviter>();

  constructor(ctx: ServerContext, options: CallbackDialerOptions) {
    this.ctx = ctx;
    this.options = options;
    this.forwarding = new ForwardingService({ db: ctx.db, clock: ctx.clock, changes: ctx.changes });
    this.rpc = new KamailioRpc({
      url: options.rpcUrl ?? options.wsUrl.replace(/^ws(s?):\/\/([^/]+).*$/i, 'http$1://$2/RPC'),
      secret: kamailioSecretOf(ctx.config, 'json-rpc'),
    });
    this.log = options.logger ?? ((level, message) => (level === 'info' ? undefined : console.error(message)));
  }

  private get domain(): string {
    return this.options.domain ?? this.ctx.config.sipDomain;
  }

  /** Writes the service's subscriber row (new random password) and connects to Kamailio. */
  async start(): Promise<void> {
    if (this.ua) return;
    const password = randomBytes(24).toString('base64url');
    const clash = await this.ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('number', '=', CALLBACK_SIP_USER)
      .executeTakeFirst();
    if (clash) throw new Error(`an account "${CALLBACK_SIP_USER}" exists: the callback service needs that SIP user`);
    await upsertSubscriber(this.ctx.db, CALLBACK_SIP_USER, this.domain, password);
    const g = globalThis as { WebSocket?: unknown };
    // sip.js calls `new WebSocket(url, 'sip')`; Node 20 has none
    if (typeof g.WebSocket === 'undefined') g.WebSocket = NodeWebSocket;
    const uri = UserAgent.makeURI(`sip:${CALLBACK_SIP_USER}@${this.domain}`);
    if (!uri) throw new Error(`invalid SIP domain ${this.domain}`);
    const bindAddress = this.options.bindAddress;
    this.ua = new UserAgent({
      uri,
      contactName: CALLBACK_SIP_USER,
      authorizationUsername: CALLBACK_SIP_USER,
      authorizationPassword: password,
      transportOptions: { server: this.options.wsUrl, connectionTimeout: 5 },
      sessionDescriptionHandlerFactory: () =>
        new PcmuMediaSession({ ...(bindAddress ? { bindAddress } : {}), logger: (m) => this.log('warn', m) }),
      logBuiltinEnabled: false,
      userAgentString: `${SWITCHBOARD_USER_AGENT}-Callback`,
    });
    await this.ua.start();
  }

  /** Hangs up the callbacks in progress and disconnects; idempotent. */
  async stop(): Promise<void> {
    for (const s of this.sessions) {
      if (s.state === SessionState.Established) await s.bye().catch(() => undefined);
      else if (s.state === SessionState.Establishing) await s.cancel().catch(() => undefined);
    }
    await this.ua?.stop().catch(() => undefined);
    this.ua = undefined;
  }

  /**
   * Places a call of the account to `destination` (a dialed string) as its dial
   * mode says. `app`: the caller dials it itself.
   */
  async place(accountId: number, destination: string): Promise<PlacedBy> {
    const account = await this.ctx.db
      .selectFrom('accounts')
      .select('number')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    const settings = await readDialPlanSettings(this.ctx.db);
    if (classifyDialed(destination, settings, false).kind === 'emergency') return { by: 'app', reason: 'emergency' };
    const rules = (await this.forwarding.get(accountId)).rules ?? defaultForwardingRules('UTC');
    const mode: DialMode = rules.dialMode;
    switch (mode) {
      case 'app':
        return { by: 'app', reason: 'dial-mode' };
      case 'associated':
        // the user's own AOR, desk phones only (Kamailio drops the branches to the apps)
        return {
          by: 'callback',
          via: 'desk-phone',
          callback: await this.callback(account.number, account.number, destination, true),
        };
      case 'callback':
        return {
          by: 'callback',
          via: 'mobile',
          callback: await this.callback(account.number, rules.callMe.number, destination, false),
        };
      default:
        return assertNever(mode);
    }
  }

  private async callback(
    user: string,
    callMe: string,
    destination: string,
    deskPhones: boolean,
  ): Promise<CallbackCall> {
    const ua = this.ua;
    if (!ua) throw new Error('the callback service is not started');
    // not registered, so nothing keeps the WebSocket up: after a Kamailio restart, connect again
    if (!ua.isConnected()) await ua.reconnect();
    // the phone's INVITE to the destination brings it back (Refer-To URI): Kamailio then asserts the
    // user (route[CALLBACK_IDENTITY]); one use, 2 minutes
    const token = randomBytes(16).toString('hex');
    await this.rpc.call('htable.sets', ['callback', token, user]);
    // a CallMe number outside (a mobile) goes out through the trunk as the user, with the user's DID:
    // our own INVITE carries a token of its own (the `callback` SIP user has no outside number)
    const callMeToken = deskPhones ? undefined : randomBytes(16).toString('hex');
    if (callMeToken !== undefined) await this.rpc.call('htable.sets', ['callback', callMeToken, user]);
    const target = UserAgent.makeURI(
      `sip:${callMe}@${this.domain}${callMeToken === undefined ? '' : `;uc-cb=${callMeToken}`}`,
    );
    const referTo = UserAgent.makeURI(`sip:${destination}@${this.domain};uc-cb=${token}`);
    if (!target || !referTo) throw new Error('invalid number');
    const listeners = new Set<(phase: CallbackPhase) => void>();
    let phase: CallbackPhase = 'calling-callme';
    let settle: (p: CallbackPhase) => void = () => undefined;
    const done = new Promise<CallbackPhase>((resolve) => (settle = resolve));
    const inviter = new Inviter(ua, target, {
      // the phone's 200 OK brings the offer (RFC 3261 §13.2.1): our leg only carries the REFER
      inviteWithoutSdp: true,
      // the CallMe phone shows whose callback it is
      params: { fromDisplayName: user },
      // associated dialing: Kamailio rings the user's desk phones only (route[CALLBACK_IDENTITY])
      ...(deskPhones ? { extraHeaders: ['X-UC-Ring: desk-phones'] } : {}),
    });
    this.sessions.add(inviter);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const enter = (next: CallbackPhase): void => {
      if (phase === 'connected' || phase === 'failed' || next === phase) return;
      phase = next;
      this.log('info', `callback ${user} via ${callMe} to ${destination}: ${next}`);
      for (const l of listeners) l(next);
      if (next === 'connected' || next === 'failed') {
        clearTimeout(timer);
        settle(next);
        // our leg has done its job: the phone and the destination talk directly
        if (inviter.state === SessionState.Established) inviter.bye().catch(() => undefined);
        else if (inviter.state === SessionState.Establishing) inviter.cancel().catch(() => undefined);
      }
    };
    timer = setTimeout(() => enter('failed'), CALLME_ANSWER_TIMEOUT_MS);
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established && phase === 'calling-callme') {
        enter('connecting');
        clearTimeout(timer);
        timer = setTimeout(() => enter('failed'), TRANSFER_TIMEOUT_MS);
        inviter
          .refer(referTo, {
            onNotify: (notification: Notification) => {
              notification.accept().catch(() => undefined);
              // message/sipfrag (RFC 3515 §2.4.5): the status line of the phone's INVITE
              const status = /^SIP\/2\.0\s+(\d{3})/.exec(notification.request.body ?? '')?.[1];
              if (status === undefined) return;
              if (status.startsWith('2')) enter('connected');
              else if (Number(status) >= 300) enter('failed');
            },
            requestDelegate: { onReject: () => enter('failed') },
          })
          .catch(() => enter('failed'));
      } else if (state === SessionState.Terminated) {
        this.sessions.delete(inviter);
        if (phase === 'calling-callme') enter('failed');
      }
    });
    inviter.invite({ requestDelegate: { onReject: () => enter('failed') } }).catch(() => enter('failed'));
    return {
      id: randomUUID(),
      get phase() {
        return phase;
      },
      done,
      onDidChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }
}
