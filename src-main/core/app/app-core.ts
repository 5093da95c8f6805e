import { join } from 'node:path';
import type {
  CallView,
  EventChannel,
  EventPayloads,
  InvokeChannel,
  InvokeResult,
  InvokeResults,
  Language,
  SessionState,
  SessionStatus,
} from '../../../src-preload/contract/ipc-contract';
import type { IceServer, MediaHost } from '../../../src-preload/contract/media-contract';
import { openDatabase, type SqliteDatabase } from '../db/open-database';
import type { EventListener, UcBackend, ValidPayload } from '../ipc/uc-backend';
import { UcError } from '../ipc/uc-error';
import { journalResultFor } from '../journal/journal-result';
import { JournalStore } from '../journal/journal-store';
import { parseDialTarget } from '../numbers/parse-dial-target';
import { RecentDials } from '../settings/recent-dials';
import { SettingsStore } from '../settings/settings-store';
import { CallStateError } from '../sip/call';
import { CallState } from '../sip/call-state';
import type { PhoneCall, PhoneEngine } from '../sip/phone-engine';
import { SipEngine, type EngineLogger, type RegistrationState, type SipEngineOptions } from '../sip/sip-engine';
import { assertNever } from '../util/assert-never';
import { systemClock, type Clock, type TimerHandle } from '../util/clock';
import { parseServerAddress } from './server-address';

export interface AppCoreOptions {
  /** directory of the local database, or ':memory:' for a throw-away one */
  dataDir: string;
  mediaHost: MediaHost;
  clock?: Clock;
  /** STUN/TURN servers for calls (default none) */
  iceServers?: IceServer[];
  /** language used until the user picks one */
  defaultLanguage?: Language;
  /** seam for tests: builds the SIP engine (default: a real {@link SipEngine}) */
  createEngine?: (options: SipEngineOptions) => PhoneEngine;
  /** longest time session.login waits for the first registration outcome (default 10 s) */
  loginTimeoutMs?: number;
  /** how long an ended call stays in the call list so the UI can show why it ended (default 4 s) */
  endedCallLingerMs?: number;
  logger?: EngineLogger;
}

/** File name of the local database inside `dataDir`. */
export const DATABASE_FILE = 'switchboard.sqlite';

type Handlers = { [C in InvokeChannel]: (payload: ValidPayload<C>) => Promise<InvokeResults[C]> | InvokeResults[C] };

/**
 * The application core behind both shells: implements every invoke channel of
 * the contract on top of the SIP engine, the journal, the settings and the
 * recent dials, and publishes the contract events. Pure Node (no electron).
 */
export class AppCore implements UcBackend {
  private readonly clock: Clock;
  private readonly mediaHost: MediaHost;
  private readonly iceServers: IceServer[];
  private readonly createEngine: (options: SipEngineOptions) => PhoneEngine;
  private readonly loginTimeoutMs: number;
  private readonly lingerMs: number;
  private readonly log: EngineLogger;
  private readonly db: SqliteDatabase;
  private readonly journal: JournalStore;
  private readonly settings: SettingsStore;
  private readonly recentDials: RecentDials;
  private readonly listeners = new Set<EventListener>();
  private readonly disposers: Array<() => void> = [];

  private engine: PhoneEngine | undefined;
  private engineDisposers: Array<() => void> = [];
  private session: SessionState = { status: 'logged-out' };
  /** live calls plus ended ones still lingering, in creation order */
  private readonly calls = new Map<string, PhoneCall>();
  private readonly lingerTimers = new Map<string, TimerHandle>();
  private ringing = false;
  private disposed = false;
  private readonly handlers: Handlers;

  constructor(options: AppCoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.mediaHost = options.mediaHost;
    this.iceServers = options.iceServers ?? [];
    this.createEngine = options.createEngine ?? ((o) => new SipEngine(o));
    this.loginTimeoutMs = options.loginTimeoutMs ?? 10_000;
    this.lingerMs = options.endedCallLingerMs ?? 4_000;
    this.log = options.logger ?? (() => undefined);
    this.db = openDatabase(options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, DATABASE_FILE));
    this.journal = new JournalStore(this.db);
    this.settings = new SettingsStore(this.db, { language: options.defaultLanguage ?? 'en' });
    this.recentDials = new RecentDials(this.db, { clock: this.clock });
    this.disposers.push(
      this.journal.onDidChange(() => this.emit('journal.onDidChange', {})),
      this.settings.onDidChange((s) => this.emit('settings.onDidChange', s)),
    );
    this.handlers = {
      'session.login': (p) => this.login(p.server, p.user, p.password),
      'session.logout': () => this.logout(),
      'session.getState': () => ({ ...this.session }),
      'calls.dial': (p) => this.dial(p.target),
      'calls.answer': (p) => this.onCall(p.callId, (c) => c.answer()),
      'calls.reject': (p) => this.onCall(p.callId, (c) => c.reject('decline')),
      'calls.hangup': (p) => this.onCall(p.callId, (c) => c.hangup()),
      'calls.setHold': (p) => this.onCall(p.callId, (c) => c.setHold(p.hold)),
      'calls.setMuted': (p) => this.onCall(p.callId, (c) => c.setMuted(p.muted)),
      'calls.sendDtmf': (p) => this.onCall(p.callId, (c) => c.sendDtmf(p.tones)),
      'calls.list': () => this.callViews(),
      'journal.list': (p) => this.journal.list(p.limit ?? 200),
      'dial.getRecent': () => this.recentDials.list(),
      'settings.get': () => this.settings.get(),
      'settings.update': (p) => this.settings.update(p.language !== undefined ? { language: p.language } : {}),
    };
  }

  async invoke<C extends InvokeChannel>(channel: C, payload: ValidPayload<C>): Promise<InvokeResult<C>> {
    if (this.disposed) throw new UcError('internal', 'the application is shutting down');
    const handler = this.handlers[channel] as (p: ValidPayload<C>) => Promise<InvokeResult<C>> | InvokeResult<C>;
    return handler(payload);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Hangs up, unregisters, closes the database. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.stopEngine();
    for (const timer of this.lingerTimers.values()) this.clock.clearTimeout(timer);
    this.lingerTimers.clear();
    for (const d of this.disposers) d();
    this.listeners.clear();
    this.db.close();
  }

  // ------------------------------------------------------------ session

  private async login(server: string, user: string, password: string): Promise<SessionState> {
    const address = parseServerAddress(server);
    if (!address.ok) throw new UcError('invalid-server', address.message);
    if (!/^[A-Za-z0-9._~+-]+$/.test(user)) {
      throw new UcError('invalid-payload', 'user: only letters, digits and . _ ~ + - are allowed');
    }
    await this.stopEngine();
    const engine = this.createEngine({
      wsUrl: address.wsUrl,
      domain: address.domain,
      user,
      password,
      mediaHost: this.mediaHost,
      iceServers: this.iceServers,
      clock: this.clock,
      logger: this.log,
    });
    this.engine = engine;
    this.engineDisposers = [
      engine.onDidChangeRegistration((r) => {
        if (this.engine === engine) this.setSession(this.sessionFrom(r, user, server));
      }),
      engine.onDidCreateCall((call) => this.trackCall(call)),
    ];
    this.setSession({ status: 'connecting', user, server });
    let timer: TimerHandle | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = this.clock.setTimeout(resolve, this.loginTimeoutMs);
    });
    try {
      await Promise.race([engine.start(), timeout]);
    } finally {
      this.clock.clearTimeout(timer);
    }
    if (this.engine !== engine) return { ...this.session };
    this.setSession(this.sessionFrom(engine.registration, user, server));
    return { ...this.session };
  }

  private async logout(): Promise<SessionState> {
    await this.stopEngine();
    this.setSession({ status: 'logged-out' });
    return { ...this.session };
  }

  private async stopEngine(): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    this.engine = undefined;
    await engine.stop().catch((err: unknown) => this.log('warn', `engine stop failed: ${String(err)}`));
    // Listen until stop() returned so the calls it ended reach the journal.
    for (const d of this.engineDisposers) d();
    this.engineDisposers = [];
  }

  private sessionFrom(r: RegistrationState, user: string, server: string): SessionState {
    const status = this.statusFrom(r);
    const state: SessionState = { status, user, server };
    if (status === 'unreachable' && r.nextRetryAt !== undefined) state.nextRetryAt = r.nextRetryAt;
    return state;
  }

  private statusFrom(r: RegistrationState): SessionStatus {
    switch (r.status) {
      case 'stopped':
        return 'logged-out';
      case 'connecting':
      case 'registered':
      case 'unreachable':
      case 'auth-failed':
        return r.status;
      default:
        return assertNever(r.status, 'unknown registration status');
    }
  }

  private setSession(state: SessionState): void {
    const prev = this.session;
    this.session = state;
    if (
      prev.status === state.status &&
      prev.user === state.user &&
      prev.server === state.server &&
      prev.nextRetryAt === state.nextRetryAt
    ) {
      return;
    }
    this.emit('session.onDidChangeState', { ...state });
  }

  // ------------------------------------------------------------ calls

  private dial(input: string): { callId: string } {
    const parsed = parseDialTarget(input);
    if (!parsed.ok) throw new UcError('invalid-number', `cannot dial "${input.slice(0, 64)}": ${parsed.reason}`);
    const engine = this.engine;
    if (!engine || engine.registration.status !== 'registered') {
      throw new UcError('not-registered', 'not registered with the server');
    }
    let call: PhoneCall;
    try {
      call = engine.dial(parsed.target);
    } catch (err) {
      throw new UcError('internal', err instanceof Error ? err.message : String(err));
    }
    this.recentDials.add(parsed.canonical);
    return { callId: call.id };
  }

  private async onCall(callId: string, action: (call: PhoneCall) => Promise<void>): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.state === CallState.Terminated) throw new UcError('unknown-call', `no call ${callId}`);
    try {
      await action(call);
    } catch (err) {
      if (err instanceof CallStateError) throw new UcError('invalid-state', err.message);
      throw err;
    }
  }

  private trackCall(call: PhoneCall): void {
    if (this.calls.has(call.id)) return;
    this.calls.set(call.id, call);
    call.onDidChange(() => this.callsChanged());
    call.onDidEnd(() => this.onCallEnded(call));
    this.callsChanged();
  }

  private onCallEnded(call: PhoneCall): void {
    this.recordJournal(call);
    this.lingerTimers.set(
      call.id,
      this.clock.setTimeout(() => {
        this.lingerTimers.delete(call.id);
        this.calls.delete(call.id);
        this.callsChanged();
      }, this.lingerMs),
    );
    this.callsChanged();
  }

  private recordJournal(call: PhoneCall): void {
    const endedAt = call.endedAt ?? this.clock.now();
    const reason = call.endReason ?? 'failed';
    try {
      this.journal.record({
        callId: call.id,
        direction: call.direction,
        peer: call.peer,
        ...(call.peerName !== undefined ? { peerName: call.peerName } : {}),
        startedAt: call.startedAt,
        ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
        endedAt: Math.max(endedAt, call.startedAt),
        ...journalResultFor(call.direction, call.answeredAt, reason),
      });
    } catch (err) {
      this.log('error', `journal write failed for call ${call.id}: ${String(err)}`);
    }
  }

  private callViews(): CallView[] {
    return [...this.calls.values()].map((c) => c.toView());
  }

  private callsChanged(): void {
    if (this.disposed) return;
    this.emit('calls.onDidChange', this.callViews());
    const ringing = [...this.calls.values()].some((c) => c.state === CallState.RingingIn);
    if (ringing !== this.ringing) {
      this.ringing = ringing;
      this.mediaHost.request('setRinging', { ringing }).catch((err: unknown) => {
        this.log('warn', `setRinging failed: ${String(err)}`);
      });
    }
  }

  private emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(channel, payload);
      } catch (err) {
        this.log('error', `event listener failed on ${channel}: ${String(err)}`);
      }
    }
  }
}
