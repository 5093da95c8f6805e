import type {
  AudioDevicesView,
  AudioSettings,
  CallView,
  CountersView,
  JournalEntry,
  RecentDialView,
  Settings,
} from '../../../../src-preload/contract/ipc-contract';
import type { IceServer, MediaHost, MediaProbe } from '../../../../src-preload/contract/media-contract';
import { parseDialTarget, type DialTarget } from '../../../../src-preload/contract/calls/dial-target';
import {
  dialStringFor,
  isAmbiguousDialTarget,
  type DialScope,
  type ProvisionedDialPlan,
} from '../../../../src-preload/contract/calls/dial-scope';
import type { CallbackView } from '../../../../src-preload/contract/calls/calls-ipc';
import type { DialMode } from '../../../../src-preload/contract/forwarding';
import type { VoipStatus } from '../../../../src-preload/contract/calls/voip-ipc';
import { ICE_SERVERS_PATH, iceServersResponseSchema } from '../../../../src-preload/contract/calls/ice-http';
import type { UcHttpClient } from '../../platform/uc/uc-http-client';
import type { Provisioning } from '../../../../src-preload/contract/session/session-http';
import type { TimerHandle } from '../../platform/clock';
import { toDisposable, type Disposable } from '../../platform/disposable';
import type { AccountScope, Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import { UcClientError } from '../../platform/uc/uc-client-error';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';
import { randomUUID } from 'node:crypto';
import { LocalConference, MAX_LOCAL_CONFERENCE_LEGS } from './local-conference/local-conference';
import { LocalConferenceState } from './local-conference/local-conference-state';
import { CallbackPlacer } from './callback/callback-placer';
import { decideDialPlacement } from './callback/dial-placement';
import { PlaceCallApi } from './callback/place-call-api';
import { journalResultFor } from './journal/journal-result';
import { JournalStore } from './journal/journal-store';
import { mergeJournals } from './journal/merge-journals';
import { MissedCallCounter, type SeenMarkStore } from './missed-call-counter';
import { PickupApi } from './pickup/pickup-api';
import { PickupRequests } from './pickup/pickup-requests';
import { RecentDials } from './recent-dials';
import { callsToHoldFor, lineStateOf, ringToneFor, unholdableCallFor, type RingTone } from './call-waiting';
import { IceServers, type IceServerStore } from './ice-servers';
import { voipProblemOf } from './voip-status';
import { CallStateError } from './sip/call';
import { CallState } from './sip/call-state';
import type { PhoneCall, PhoneEngine } from './sip/phone-engine';
import type { WebSocketOptionsFn } from './sip/node-websocket';
import { SipEngine, type SipEngineOptions } from './sip/sip-engine';

/** A missed call, for the shell's notification (SPEC G4). */
export interface MissedCallNotice {
  callId: string;
  peer: string;
  peerName?: string;
  /** epoch ms the call ended */
  at: number;
  /** missed calls not seen yet, this one included (tray badge) */
  missedCalls: number;
}

/**
 * What the session hands over to start SIP: the UC server's provisioning, which
 * carries the SIP credentials (a secret of the account, not its password).
 */
export interface PhoneLineConfig {
  provisioning: Provisioning;
  displayName: string;
  /** TLS options of the SIP WebSocket (the session's certificate trust, SPEC A1) */
  webSocketOptions?: WebSocketOptionsFn;
}

/** The settings the calls feature follows: the audio devices (SPEC F4). */
export interface AudioSettingsSource {
  get(): Settings;
  readonly onDidChange: Event<Settings>;
}

export interface CallsFeatureOptions {
  mediaHost: MediaHost;
  settings: AudioSettingsSource;
  /** extra STUN/TURN servers for calls, added to the ones the UC server provisions */
  iceServers?: IceServer[];
  /** seam for tests: builds the SIP engine (default: a real {@link SipEngine}) */
  createEngine?: (options: SipEngineOptions) => PhoneEngine;
  /** how long an ended call stays in the call list so the UI can show why it ended (default 4 s) */
  endedCallLingerMs?: number;
  /** whose number this is, from the directory cache */
  directoryName: (number: string) => string | undefined;
  /** the logged-in user's settings store, where the missed-call seen mark (and the user's ICE servers) live */
  seenMarks: () => (SeenMarkStore & IceServerStore) | undefined;
  /** how long voip.getStatus and calls.dial wait for the media host's probe (default 1.5 s) */
  probeTimeoutMs?: number;
  /** brings the main window up (calls.openTransfer) */
  showWindow: () => void;
  /** how long calls.pickup waits for the proxy to offer the call here (default 10 s) */
  pickupWaitMs?: number;
  /**
   * the user's call history from the UC server, as journal entries (issue #13; the conversations'
   * cache): the History tab shows it, this device's journal filling in what it lacks yet;
   * undefined while there is none (logged out)
   */
  serverJournal?: () => JournalEntry[] | undefined;
  /**
   * the user's dial mode (SPEC J4, the forwarding rules); undefined while not known — then the
   * UC server is asked, as for any mode but `app`
   */
  dialMode?: () => DialMode | undefined;
  /** how long a connected callback's view stays (default 8 s) */
  callbackLingerMs?: number;
}

/** What calls.dial started: a call of this device, or a callback the server places (SPEC J4, B5). */
export interface DialResult {
  callId: string;
  callback?: CallbackView;
}

/** How long a "picked up by" notice waits for its call to end here (the CANCEL may come later). */
const PICKED_UP_NOTICE_MS = 30_000;

/** The logged-in account's journal, recent dials and missed-call counter. */
interface CallsAccount {
  readonly journal: JournalStore;
  readonly recentDials: RecentDials;
  readonly missedCalls: MissedCallCounter;
}

/**
 * Calls (SPEC F): the SIP engine of the session, the call list (an ended
 * call lingers so the UI can say why it ended), dialing, transfer and
 * deflection, the call journal and the recent dials of the account, the
 * missed-call counter, and the audio devices of the media host.
 */
export class CallsFeature implements Feature {
  readonly name = 'calls';
  readonly handlers: Partial<Handlers>;
  private readonly host: FeatureHost;
  private readonly mediaHost: MediaHost;
  private readonly createSipEngine: (options: SipEngineOptions) => PhoneEngine;
  private readonly lingerMs: number;
  private account: CallsAccount | undefined;
  private sipEngine: PhoneEngine | undefined;
  private engineDisposers: Array<() => void> = [];
  /** the SIP user (extension) the UC server provisioned; its mailbox is vm<user> */
  private provisionedSipUser: string | undefined;
  /** the server dial plan's emergency numbers (provisioning, SPEC G): always dialed here */
  private emergencyNumbers: readonly string[] = [];
  /** the server's outside prefix and country ("internal or external?", SPEC C5); from the provisioning */
  private dialPlan: ProvisionedDialPlan | undefined;
  /** live calls plus ended ones still lingering, in creation order */
  private readonly calls = new Map<string, PhoneCall>();
  private readonly lingerTimers = new Map<string, TimerHandle>();
  /** the tone last asked of the media host (call waiting: the short tone while another call is live) */
  private ringTone: RingTone = 'none';
  /** the device choice last sent to the media host */
  private appliedAudio: AudioSettings | undefined;
  private readonly disposers: Array<() => void>;
  /** the pickups this device asked for (SPEC D3) */
  private readonly pickups: PickupRequests;
  /** calls this device answers by itself (a pickup it asked for): they never ring */
  private readonly autoAnswered = new Set<string>();
  /** SIP Call-ID → the colleague who picked that call up (live `call-picked-up`), until the call is journaled */
  private readonly pickedUpBy = new Map<string, { by: string; timer: TimerHandle }>();
  /** the logged-in session's UC client (pickup requests) */
  private pickupApi: PickupApi | undefined;
  /** local conferences (SPEC F3) not ended yet */
  private readonly conferences = new Map<string, LocalConference>();
  /** calls the server places for the user (dial mode, SPEC J4/B5) */
  private readonly callbacks: CallbackPlacer;
  /** the STUN/TURN servers the UC server provisioned at login (SPEC F5) */
  private provisionedIce: IceServer[] = [];
  /** the user's and the provisioned STUN/TURN servers (Settings > VoIP) */
  private readonly ice: IceServers;
  /**
   * The list the engine's media sessions read: updated in place when the user adds or removes a
   * server (or the server's TURN credentials are renewed), so the next call uses it.
   */
  private readonly liveIceServers: IceServer[] = [];

  private readonly didChangeCalls = new TypedEmitter<CallView[]>();
  /** The call list changed (the headsets and the popup follow it). */
  readonly onDidChangeCalls: Event<CallView[]> = this.didChangeCalls.event;
  private readonly didMissCall = new TypedEmitter<MissedCallNotice>();
  /** A call was missed, after the journal recorded it (shells show a notification, SPEC G4). */
  readonly onDidMissCall: Event<MissedCallNotice> = this.didMissCall.event;

  constructor(
    host: FeatureHost,
    private readonly options: CallsFeatureOptions,
  ) {
    this.host = host;
    this.mediaHost = options.mediaHost;
    this.createSipEngine = options.createEngine ?? ((o) => new SipEngine(o));
    this.lingerMs = options.endedCallLingerMs ?? 4_000;
    this.pickups = new PickupRequests(host.clock, options.pickupWaitMs);
    this.callbacks = new CallbackPlacer({
      clock: host.clock,
      onDidChange: (view) => {
        if (!this.host.disposed) this.host.emit('calls.onDidChangeCallback', view);
      },
      log: (level, message) => host.log(level, message),
      ...(options.callbackLingerMs !== undefined ? { connectedLingerMs: options.callbackLingerMs } : {}),
    });
    this.ice = new IceServers(
      () => options.seenMarks(),
      () => [...this.provisionedIce, ...(options.iceServers ?? [])],
    );
    this.disposers = [
      options.settings.onDidChange((s) => {
        if (JSON.stringify(s.audio) !== JSON.stringify(this.appliedAudio)) this.applyAudioDevices(s.audio);
      }),
      // Also sent by a media host that just started or reconnected: apply the choice to it again.
      this.mediaHost.onEvent('devicesChanged', () => {
        if (this.host.disposed) return;
        this.applyAudioDevices(options.settings.get().audio);
        this.host.emit('audio.onDidChangeDevices', {});
      }),
    ];
    this.applyAudioDevices(options.settings.get().audio);
    this.handlers = {
      'calls.dial': (p) => this.dial(p.target, p.name, p.scope),
      'calls.answer': (p) => this.answer(p.callId),
      'calls.reject': (p) => this.reject(p.callId),
      'calls.hangup': (p) => this.hangup(p.callId),
      'calls.setHold': (p) => this.setHold(p.callId, p.hold),
      'calls.setMuted': (p) => this.setMuted(p.callId, p.muted),
      'calls.sendDtmf': (p) => this.onCall(p.callId, (c) => c.sendDtmf(p.tones)),
      'calls.list': () => this.callViews(),
      // Logged out: no account, nothing to show (never the previous user's).
      'journal.list': (p) => this.journalList(p.limit ?? 200),
      'dial.getRecent': () => this.account?.recentDials.list().map((number) => this.recentDialView(number)) ?? [],
      'audio.listDevices': () => this.listAudioDevices(),
      // ---- transfer (SPEC F2/F3)
      'calls.transfer': (p) => this.transferCall(p.callId, p.target),
      'calls.deflectToVoicemail': (p) => this.deflectToVoicemail(p.callId),
      'calls.openTransfer': (p) => this.openTransfer(p.callId),
      'calls.transferToCall': (p) => this.transferToCall(p.callId, p.targetCallId),
      // ---- local conference (SPEC F3)
      'calls.conference': (p) => this.conference(p.callId, p.otherCallId),
      'calls.leaveConference': (p) => this.leaveConference(p.conferenceId),
      // ---- pickup (SPEC D3)
      'calls.pickup': (p) => this.pickup(p.number),
      // ---- dial mode (SPEC J4, B5)
      'calls.getCallback': () => this.callbacks.current,
      'calls.dismissCallback': (p) => this.callbacks.dismiss(p.id),
      // ---- the VoIP switch and the ICE servers (SPEC F5)
      'voip.getStatus': () => this.voipStatus(),
      'voip.listIceServers': () => this.ice.list(),
      'voip.addIceServer': (p) => this.changedIce(this.ice.add(p)),
      'voip.removeIceServer': (p) => this.changedIce(this.ice.remove(p.url)),
    };
  }

  /** journal.list: the server's history (one for all devices) with this device's not yet reported calls. */
  private journalList(limit: number): JournalEntry[] {
    const account = this.account;
    if (account === undefined) return [];
    const local = account.journal.list(limit);
    const server = this.options.serverJournal?.();
    return server === undefined ? local : mergeJournals(server, local, limit);
  }

  // ------------------------------------------------------------ life cycle

  onAccountOpen(scope: AccountScope): Disposable {
    const seenMarks: SeenMarkStore = {
      getInternal: (key) => this.options.seenMarks()?.getInternal(key),
      setInternal: (key, value) => this.options.seenMarks()?.setInternal(key, value),
    };
    const account: CallsAccount = {
      journal: new JournalStore(scope.db),
      recentDials: new RecentDials(scope.db, { clock: this.host.clock }),
      missedCalls: new MissedCallCounter(scope.db, seenMarks, this.host.clock),
    };
    this.account = account;
    const unsubscribe = account.journal.onDidChange(() => this.host.emit('journal.onDidChange', {}));
    this.host.emit('journal.onDidChange', {});
    return toDisposable(() => {
      unsubscribe();
      if (this.account === account) this.account = undefined;
      if (!this.host.disposed) this.host.emit('journal.onDidChange', {});
    });
  }

  /**
   * Pickup requests go to the session's UC server; its `call-picked-up` events name who took our
   * calls. The TURN credentials it provisioned are short-lived: they are renewed before they expire.
   */
  onLogin(session: LoginSession): Disposable {
    const api = new PickupApi(session.client);
    this.pickupApi = api;
    const stopIceRenewal = this.renewIceServers(session.client);
    const unsubscribe = session.events.onDidReceive((event) => {
      if (event.type === 'call-picked-up') this.notePickedUp(event.sipCallId, event.by);
    });
    const detachCallbacks = this.callbacks.attach({
      transport: new PlaceCallApi(session.client),
      live: session.events,
      isOnline: () => session.connection.state === 'online',
    });
    return toDisposable(() => {
      unsubscribe();
      detachCallbacks();
      stopIceRenewal();
      if (this.pickupApi === api) this.pickupApi = undefined;
      this.pickups.clear();
    });
  }

  counters(): Partial<CountersView> {
    return { missedCalls: this.account?.missedCalls.count() ?? 0 };
  }

  dispose(): void {
    for (const timer of this.lingerTimers.values()) this.host.clock.clearTimeout(timer);
    this.lingerTimers.clear();
    for (const { timer } of this.pickedUpBy.values()) this.host.clock.clearTimeout(timer);
    this.pickedUpBy.clear();
    this.pickups.clear();
    this.callbacks.dispose();
    for (const d of this.disposers) d();
  }

  /** The SIP engine of the session, while there is one. */
  get engine(): PhoneEngine | undefined {
    return this.sipEngine;
  }

  /**
   * Creates the session's SIP engine (not started: the session subscribes to
   * its registration, then starts it). Stop the previous one first.
   */
  createEngine(config: PhoneLineConfig): PhoneEngine {
    const { provisioning } = config;
    this.provisionedSipUser = provisioning.sipUser;
    this.emergencyNumbers = provisioning.emergencyNumbers ?? [];
    this.dialPlan = provisioning.dialPlan;
    this.provisionedIce = provisioning.iceServers.map(toIceServer);
    this.refreshLiveIce();
    const engine = this.createSipEngine({
      wsUrl: provisioning.sipWsUrl,
      ...(config.webSocketOptions ? { webSocketOptions: config.webSocketOptions } : {}),
      domain: provisioning.sipDomain,
      user: provisioning.sipUser,
      password: provisioning.sipPassword,
      displayName: config.displayName,
      mediaHost: this.mediaHost,
      iceServers: this.liveIceServers,
      clock: this.host.clock,
      logger: this.host.log,
    });
    this.sipEngine = engine;
    this.engineDisposers = [engine.onDidCreateCall((call) => this.trackCall(call))];
    return engine;
  }

  /** Hangs up, unregisters and drops the engine (≤ 3 s); the calls it ended reach the journal. */
  async stopEngine(): Promise<void> {
    const engine = this.sipEngine;
    if (!engine) return;
    this.sipEngine = undefined;
    await engine.stop().catch((err: unknown) => this.host.log('warn', `engine stop failed: ${String(err)}`));
    // Listen until stop() returned so the calls it ended reach the journal.
    for (const d of this.engineDisposers) d();
    this.engineDisposers = [];
  }

  // ------------------------------------------------------------ what other features use

  /**
   * Whose number this is — the one lookup behind the names shown with numbers
   * (issue #8: call card, journal, recent dials, conversations): the directory
   * cache, else the name the journal last had for it (a contact it was dialed from).
   */
  nameOf(number: string): string | undefined {
    const account = this.account;
    if (!account) return undefined;
    return this.options.directoryName(number) ?? account.journal.lastPeerName(number);
  }

  /**
   * Dials `input` as the user's dial mode says (SPEC J4): this device calls, or — "associated
   * dialing" / "callback preferred" — the UC server rings the user's desk phone or CallMe number
   * first and hands it the destination (result `callback`). Emergency numbers are always this
   * device's to dial (the server says so: its dial plan has the list, SPEC G).
   *
   * @param name who is called when the user picked them (directory entry, contact); otherwise the
   *   directory cache says whose number it is (issue #8: the call card and the journal show names)
   */
  async dial(input: string, name?: string, scope?: DialScope): Promise<DialResult> {
    const typed = parseDialTarget(input);
    // the reason travels in details: the renderer shows the same message as under the Search/Dial field
    if (!typed.ok) {
      throw new UcError('invalid-number', `cannot dial "${input.slice(0, 64)}": ${typed.reason}`, [typed.reason]);
    }
    // an extension that is also a public number, typed without the outside prefix: the user says which (SPEC C5)
    if (scope === undefined && isAmbiguousDialTarget(typed, this.dialPlan, this.emergencyNumbers)) {
      throw new UcError('ambiguous-number', `"${typed.canonical}" may be internal or external`, [typed.canonical]);
    }
    const parsed =
      scope === 'external' && isAmbiguousDialTarget(typed, this.dialPlan, this.emergencyNumbers)
        ? parseDialTarget(dialStringFor(typed.canonical, scope, this.dialPlan))
        : typed;
    if (!parsed.ok) throw new UcError('invalid-number', `cannot dial "${input.slice(0, 64)}"`, [parsed.reason]);
    // VoIP off: the app places no call and controls nothing (SPEC F5), whatever the dial mode
    await this.requireVoip();
    const peerName = name ?? this.nameOf(parsed.canonical);
    if (decideDialPlacement(this.options.dialMode?.(), parsed, this.emergencyNumbers) === 'ask-server') {
      const callback = await this.callbacks.place(parsed, peerName);
      if (callback !== undefined) {
        this.account?.recentDials.add(parsed.canonical);
        return { callId: callback.id, callback };
      }
    }
    return this.dialHere(parsed, peerName);
  }

  /** This device calls `target` (WebRTC through the proxy). */
  private async dialHere(target: DialTarget, peerName: string | undefined): Promise<DialResult> {
    const engine = this.sipEngine;
    if (!engine || engine.registration.status !== 'registered') {
      throw new UcError('not-registered', 'not registered with the server');
    }
    // call waiting: the call in progress is held before the new one is placed (issue #15)
    await this.holdOthers(undefined);
    let call: PhoneCall;
    try {
      call = engine.dial(target.target, peerName !== undefined ? { peerName } : {});
    } catch (err) {
      throw new UcError('internal', err instanceof Error ? err.message : String(err));
    }
    this.account?.recentDials.add(target.canonical);
    return { callId: call.id };
  }

  /** Dials the last number again (headset Redial), when there is one. */
  async redial(): Promise<void> {
    const last = this.account?.recentDials.list()[0];
    if (last !== undefined) await this.dial(last);
  }

  /** Call waiting: the calls in progress are held first, so two calls never share the microphone. */
  answer(callId: string): Promise<void> {
    return this.onCall(callId, async (c) => {
      if (!this.options.settings.get().voip) throw voipDisabled();
      if (c.state === CallState.RingingIn) await this.holdOthers(callId);
      await c.answer();
    });
  }

  reject(callId: string): Promise<void> {
    return this.onCall(callId, (c) => c.reject('decline'));
  }

  hangup(callId: string): Promise<void> {
    return this.onCall(callId, (c) => c.hangup());
  }

  /** In a local conference, mute is ours for every leg (the others still hear each other). */
  async setMuted(callId: string, muted: boolean): Promise<void> {
    const conference = this.conferenceOf(callId);
    if (!conference) return this.onCall(callId, (c) => c.setMuted(muted));
    for (const leg of conference.calls) await this.onCall(leg.id, (c) => c.setMuted(muted));
  }

  /** Resuming a held call holds the one in progress first (never two unheld calls). */
  setHold(callId: string, hold: boolean): Promise<void> {
    // holding one leg would silence it for the other far ends too: leave the conference first
    if (this.conferenceOf(callId)) throw new UcError('invalid-state', `call ${callId} is in a conference`);
    return this.onCall(callId, async (c) => {
      if (!hold && c.state === CallState.Held) await this.holdOthers(callId);
      await c.setHold(hold);
    });
  }

  /** voip.getStatus: the switch and, when on, whether the media host can carry a call. */
  private async voipStatus(): Promise<VoipStatus> {
    const enabled = this.options.settings.get().voip;
    return { enabled, problem: voipProblemOf(enabled, enabled ? await this.probeMedia() : undefined) };
  }

  /**
   * calls.dial needs VoIP on, and a media host that is not known to be unable (no WebRTC, microphone
   * denied). A media host that does not answer the probe in time is not held against the call: it
   * may be starting (the call then fails as `media-failed` if it never comes).
   */
  private async requireVoip(): Promise<void> {
    if (!this.options.settings.get().voip) throw voipDisabled();
    const probe = await this.probeMedia();
    const problem = probe === undefined ? null : voipProblemOf(true, probe);
    if (problem !== null) {
      throw new UcError('voip-unavailable', `VoIP cannot work on this computer: ${problem}`, [problem]);
    }
  }

  /** The media host's answer to `probe`, or undefined when it does not answer in time. */
  private async probeMedia(): Promise<MediaProbe | undefined> {
    let timer: TimerHandle | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = this.host.clock.setTimeout(() => resolve(undefined), this.options.probeTimeoutMs ?? 1_500);
    });
    try {
      const answer = this.mediaHost.request('probe', {}).catch((err: unknown) => {
        this.host.log('info', `media probe failed: ${String(err)}`);
        return undefined;
      });
      return (await Promise.race([answer, timeout])) ?? undefined;
    } finally {
      this.host.clock.clearTimeout(timer);
    }
  }

  /**
   * GET /me/ice-servers now and again at half the credentials' life (SPEC F5: TURN REST credentials
   * are short-lived); a failure retries in a minute. Nothing is scheduled when none expire.
   * @returns stops the renewal
   */
  private renewIceServers(client: UcHttpClient): () => void {
    let timer: TimerHandle | undefined;
    let stopped = false;
    const schedule = (ms: number) => {
      if (!stopped) timer = this.host.clock.setTimeout(() => void run(), ms);
    };
    const run = async () => {
      try {
        const fresh = await client.request('GET', ICE_SERVERS_PATH, {}, iceServersResponseSchema);
        if (stopped) return;
        this.provisionedIce = fresh.iceServers.map(toIceServer);
        this.refreshLiveIce();
        if (fresh.expiresAt !== null) schedule(Math.max(60_000, (fresh.expiresAt - this.host.clock.now()) / 2));
      } catch (err) {
        this.host.log('info', `ICE servers not renewed: ${String(err)}`);
        schedule(60_000);
      }
    };
    void run();
    return () => {
      stopped = true;
      this.host.clock.clearTimeout(timer);
    };
  }

  private changedIce<T>(result: T): T {
    this.refreshLiveIce();
    return result;
  }

  /** Puts the current servers into the list the engine's next calls read (see {@link liveIceServers}). */
  private refreshLiveIce(): void {
    this.liveIceServers.splice(0, this.liveIceServers.length, ...this.ice.forCalls());
  }

  /**
   * Holds every call in progress but `callId` (call waiting, issue #15). A call that cannot be held
   * (an answer in flight, a re-INVITE refused) stops the action that asked: it would otherwise leave
   * two calls with open microphones.
   */
  private async holdOthers(callId: string | undefined): Promise<void> {
    const live = [...this.calls.values()];
    const busy = unholdableCallFor(live, callId);
    if (busy) throw new UcError('invalid-state', `call ${busy.id} is being answered: try again in a moment`);
    for (const other of callsToHoldFor(live, callId)) {
      try {
        await other.setHold(true);
      } catch (err) {
        if (err instanceof CallStateError && other.state === CallState.Terminated) continue;
        const reason = err instanceof Error ? err.message : String(err);
        throw new UcError('invalid-state', `the call with ${other.peer} could not be put on hold: ${reason}`);
      }
    }
  }

  // ------------------------------------------------------------ local conference (SPEC F3)

  private conferenceOf(callId: string): LocalConference | undefined {
    for (const conference of this.conferences.values()) if (conference.has(callId)) return conference;
    return undefined;
  }

  /**
   * Joins two answered calls (one held, one active after a consultation), or adds `callId`
   * to the conference `otherCallId` is in. The media host mixes them; see {@link LocalConference}.
   */
  private async conference(callId: string, otherCallId: string): Promise<{ conferenceId: string }> {
    const call = this.answeredCall(callId);
    const other = this.answeredCall(otherCallId);
    if (callId === otherCallId) throw new UcError('invalid-state', 'a call cannot join itself');
    if (this.conferenceOf(callId)) throw new UcError('invalid-state', `call ${callId} is already in a conference`);
    const existing = this.conferenceOf(otherCallId);
    try {
      if (existing) {
        if (existing.calls.length >= MAX_LOCAL_CONFERENCE_LEGS) {
          throw new UcError('invalid-state', 'the conference is full (8 parties)');
        }
        await existing.add(call);
        this.callsChanged();
        return { conferenceId: existing.id };
      }
      const conference = new LocalConference(randomUUID(), [other, call], {
        mix: (sessionIds) => this.mediaHost.request('setMix', { sessionIds }),
        log: (level, message) => this.host.log(level, message),
      });
      this.conferences.set(conference.id, conference);
      try {
        await conference.start();
      } finally {
        if (conference.state === LocalConferenceState.Ended) this.conferences.delete(conference.id);
        this.callsChanged();
      }
      return { conferenceId: conference.id };
    } catch (err) {
      if (err instanceof UcError) throw err;
      if (err instanceof CallStateError) throw new UcError('invalid-state', err.message);
      throw new UcError('media-unavailable', `the calls could not be joined: ${String(err)}`);
    }
  }

  private async leaveConference(conferenceId: string): Promise<void> {
    const conference = this.conferences.get(conferenceId);
    if (!conference || conference.state !== LocalConferenceState.Active) {
      throw new UcError('unknown-call', `no conference ${conferenceId}`);
    }
    this.conferences.delete(conferenceId);
    await conference.leave();
    this.callsChanged();
  }

  /** A call that is answered (established or held), else the IPC error saying why not. */
  private answeredCall(callId: string): PhoneCall {
    const call = this.calls.get(callId);
    if (!call || call.state === CallState.Terminated) throw new UcError('unknown-call', `no call ${callId}`);
    if (call.state !== CallState.Established && call.state !== CallState.Held) {
      throw new UcError('invalid-state', `call ${callId} is not answered (${call.state})`);
    }
    return call;
  }

  /** counters.markSeen: the user looked at the missed calls. */
  markMissedCallsSeen(): void {
    const missedCalls = this.account?.missedCalls;
    if (!missedCalls) return;
    const before = missedCalls.count();
    const after = missedCalls.markSeen();
    if (after !== before) this.host.countersChanged();
  }

  // ------------------------------------------------------------ calls

  private recentDialView(number: string): RecentDialView {
    const name = this.nameOf(number);
    return name !== undefined ? { number, name } : { number };
  }

  /**
   * SPEC F2 Transfer / F3 blind transfer: a ringing call is deflected (302),
   * an answered or held one is transferred (REFER). Targets are parsed like
   * calls.dial, so the same numbers and errors apply.
   */
  private async transferCall(callId: string, input: string): Promise<void> {
    const parsed = parseDialTarget(input);
    if (!parsed.ok) {
      throw new UcError('invalid-number', `cannot transfer to "${input.slice(0, 64)}": ${parsed.reason}`, [
        parsed.reason,
      ]);
    }
    const engine = this.requireEngine();
    const uri = engine.sipUri(parsed.target);
    await this.onCall(callId, (call) => (call.state === CallState.RingingIn ? call.deflect(uri) : call.transfer(uri)));
    this.account?.recentDials.add(parsed.canonical);
  }

  /**
   * SPEC F2 Deflect: the ringing call goes to the user's own mailbox,
   * `vm<extension>` (routed by Kamailio to the voicemail service, SPEC H).
   */
  private async deflectToVoicemail(callId: string): Promise<void> {
    const engine = this.requireEngine();
    const mailbox = this.provisionedSipUser;
    if (mailbox === undefined) throw new UcError('not-registered', 'not registered with the server');
    await this.onCall(callId, (call) => call.deflect(engine.sipUri(`vm${mailbox}`)));
  }

  private async transferToCall(callId: string, targetCallId: string): Promise<void> {
    const target = this.calls.get(targetCallId);
    if (!target || target.state === CallState.Terminated || targetCallId === callId) {
      throw new UcError('unknown-call', `no other call ${targetCallId}`);
    }
    await this.onCall(callId, (call) => call.transferToCall(target));
  }

  private openTransfer(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.state === CallState.Terminated) throw new UcError('unknown-call', `no call ${callId}`);
    this.options.showWindow();
    this.host.emit('calls.onDidRequestTransfer', { callId });
  }

  /**
   * SPEC D3: takes the call ringing at colleague `number`. The UC server checks that we may see
   * them and has the proxy cancel the call at their devices and ring ours instead; this device
   * answers it by itself once offered (see {@link PickupRequests}).
   */
  private async pickup(number: string): Promise<{ callId: string }> {
    this.requireEngine();
    const api = this.pickupApi;
    if (!api) throw new UcError('not-registered', 'not logged in to the UC server');
    const offered = this.pickups.expect(number);
    // the rejection is handled below, whichever comes first
    offered.catch(() => undefined);
    try {
      const { sipCallId } = await api.pickup(number);
      this.pickups.named(number, sipCallId);
    } catch (err) {
      const error = pickupError(number, err);
      this.pickups.fail(number, error);
      throw error;
    }
    let call: PhoneCall;
    try {
      call = await offered;
    } catch {
      throw new UcError('not-found', `the call ringing at ${number} did not reach this device`);
    }
    await this.onCall(call.id, (c) => c.answer());
    return { callId: call.id };
  }

  /** The UC server says colleague `by` picked up our call `sipCallId` (SPEC D3): the journal says so. */
  private notePickedUp(sipCallId: string, by: string): void {
    const call = [...this.calls.values()].find((c) => c.sipCallId === sipCallId);
    if (call && call.state === CallState.Terminated) {
      try {
        this.account?.journal.setPickedUpBy(call.id, by);
      } catch (err) {
        this.host.log('warn', `journal: picked up by ${by} not noted: ${String(err)}`);
      }
      return;
    }
    // still ringing here: noted when it ends (the CANCEL is on its way)
    const previous = this.pickedUpBy.get(sipCallId);
    if (previous) this.host.clock.clearTimeout(previous.timer);
    const timer = this.host.clock.setTimeout(() => this.pickedUpBy.delete(sipCallId), PICKED_UP_NOTICE_MS);
    this.pickedUpBy.set(sipCallId, { by, timer });
  }

  private requireEngine(): PhoneEngine {
    const engine = this.sipEngine;
    if (!engine || engine.registration.status !== 'registered') {
      throw new UcError('not-registered', 'not registered with the server');
    }
    return engine;
  }

  /** A call action: 'unknown-call' for a call that is gone, 'invalid-state' when its state does not allow it. */
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
    // VoIP off (SPEC F5): this computer answers nothing. 486 (not 603) so the caller's other
    // forks — the user's desk phone — keep ringing (RFC 3261 §16.7: 6xx would end them all).
    if (call.direction === 'incoming' && call.state === CallState.RingingIn && !this.options.settings.get().voip) {
      call
        .reject('busy')
        .catch((err: unknown) => this.host.log('warn', `VoIP off: refusing a call failed: ${String(err)}`));
      return;
    }
    this.calls.set(call.id, call);
    // the pickup this device asked for: answered by calls.pickup, never rung
    if (this.pickups.claim(call)) this.autoAnswered.add(call.id);
    call.onDidChange(() => this.callsChanged());
    call.onDidEnd(() => this.onCallEnded(call));
    this.callsChanged();
  }

  private onCallEnded(call: PhoneCall): void {
    const conference = this.conferenceOf(call.id);
    if (conference) {
      conference.legEnded(call.id);
      if (conference.state === LocalConferenceState.Ended) this.conferences.delete(conference.id);
    }
    this.recordJournal(call);
    this.lingerTimers.set(
      call.id,
      this.host.clock.setTimeout(() => {
        this.lingerTimers.delete(call.id);
        this.calls.delete(call.id);
        this.autoAnswered.delete(call.id);
        this.callsChanged();
      }, this.lingerMs),
    );
    this.callsChanged();
  }

  private recordJournal(call: PhoneCall): void {
    const endedAt = call.endedAt ?? this.host.clock.now();
    const reason = call.endReason ?? 'failed';
    const result = journalResultFor(
      call.direction,
      call.answeredAt,
      reason,
      call.answeredByVoicemail,
      call.divertedBecause,
    );
    // The engine stops before the account closes (logout, login), so a call always ends inside its account.
    const account = this.account;
    if (!account) {
      this.host.log('error', `call ${call.id} ended with no account open: not journaled`);
      return;
    }
    const pickedUp = call.sipCallId !== undefined ? this.pickedUpBy.get(call.sipCallId) : undefined;
    if (pickedUp && call.sipCallId !== undefined) {
      this.host.clock.clearTimeout(pickedUp.timer);
      this.pickedUpBy.delete(call.sipCallId);
    }
    try {
      account.journal.record({
        callId: call.id,
        direction: call.direction,
        peer: call.peer,
        ...(call.peerName !== undefined ? { peerName: call.peerName } : {}),
        startedAt: call.startedAt,
        ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
        endedAt: Math.max(endedAt, call.startedAt),
        ...result,
        ...(pickedUp && result.reason === 'completed-elsewhere' ? { pickedUpBy: pickedUp.by } : {}),
      });
    } catch (err) {
      this.host.log('error', `journal write failed for call ${call.id}: ${String(err)}`);
      return;
    }
    if (result.result === 'missed') {
      const counters = this.host.counters();
      this.host.emit('counters.onDidChange', counters);
      this.didMissCall.fire({
        callId: call.id,
        peer: call.peer,
        ...(call.peerName !== undefined ? { peerName: call.peerName } : {}),
        at: Math.max(endedAt, call.startedAt),
        missedCalls: counters.missedCalls,
      });
    }
  }

  private callViews(): CallView[] {
    return [...this.calls.values()].map((c) => {
      const view = c.toView();
      const conference = this.conferenceOf(c.id);
      return conference?.state === LocalConferenceState.Active ? { ...view, conferenceId: conference.id } : view;
    });
  }

  private callsChanged(): void {
    if (this.host.disposed) return;
    const views = this.callViews();
    this.host.emit('calls.onDidChange', views);
    this.didChangeCalls.fire(views);
    const tone = ringToneFor(lineStateOf(this.calls.values(), this.autoAnswered));
    if (tone !== this.ringTone) {
      this.ringTone = tone;
      const params =
        tone === 'none' ? { ringing: false } : tone === 'ring' ? { ringing: true } : { ringing: true, tone };
      this.mediaHost.request('setRinging', params).catch((err: unknown) => {
        this.host.log('warn', `setRinging failed: ${String(err)}`);
      });
    }
  }

  // ------------------------------------------------------------ audio devices (SPEC F4)

  /**
   * Sends the preferred devices to the media host. Fire and forget: with no
   * media host yet (web shell before its page connects) it fails harmlessly,
   * and the host asks again with `devicesChanged` when it starts.
   */
  private applyAudioDevices(audio: AudioSettings): void {
    this.appliedAudio = { ...audio };
    this.mediaHost
      .request('setDevices', {
        ...(audio.microphoneId !== null ? { microphoneId: audio.microphoneId } : {}),
        ...(audio.speakerId !== null ? { speakerId: audio.speakerId } : {}),
        ...(audio.ringingId !== null ? { ringingId: audio.ringingId } : {}),
      })
      .catch((err: unknown) => this.host.log('info', `audio devices not applied yet: ${String(err)}`));
  }

  private async listAudioDevices(): Promise<AudioDevicesView> {
    try {
      return await this.mediaHost.request('listDevices', {});
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new UcError('media-unavailable', `audio devices cannot be listed: ${reason}`);
    }
  }
}

/**
 * A failed pickup request as the renderer knows it: nothing to pick up (unknown, not visible,
 * no longer ringing) → `not-found`; no SIP device of ours at the proxy → `not-registered`; the UC
 * server or the proxy out of reach → `server-unreachable`.
 */
function pickupError(number: string, err: unknown): UcError {
  if (!(err instanceof UcClientError)) return new UcError('internal', err instanceof Error ? err.message : String(err));
  if (err.kind !== 'api') return new UcError('server-unreachable', err.message);
  if (err.code === 'not-registered') return new UcError('not-registered', err.message);
  const status = err.status ?? 0;
  if (status === 403 || status === 404 || status === 409) {
    return new UcError('not-found', `no call to pick up at ${number} (answered or cancelled meanwhile)`);
  }
  if (status >= 500) return new UcError('server-unreachable', err.message);
  return new UcError('internal', err.message);
}

function toIceServer(s: Provisioning['iceServers'][number]): IceServer {
  return {
    urls: s.urls,
    ...(s.username !== undefined ? { username: s.username } : {}),
    ...(s.credential !== undefined ? { credential: s.credential } : {}),
  };
}

function voipDisabled(): UcError {
  return new UcError('voip-disabled', 'VoIP is turned off on this computer (Settings > VoIP)');
}
