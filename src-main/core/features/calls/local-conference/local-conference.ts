import { CallState } from '../sip/call-state';
import type { PhoneCall } from '../sip/phone-engine';
import { LocalConferenceEvent, LocalConferenceState, localConferenceTransition } from './local-conference-state';

/** SPEC: local conferences mix up to 8 parties (us + 7 far ends). */
export const MAX_LOCAL_CONFERENCE_LEGS = 7;

export interface LocalConferenceDeps {
  /** asks the media host to mix these media sessions ([] stops mixing); see media-contract `setMix` */
  mix(sessionIds: string[]): Promise<void>;
  log(level: 'info' | 'warn', message: string): void;
}

/**
 * One local conference (SPEC F3): two or more answered calls of this device
 * whose audio the media host mixes — each far end hears us and every other
 * far end; we hear them all. No server resource is used: the calls stay
 * ordinary SIP dialogs (a plain SIP phone is a leg like any other).
 *
 * Leaving with two far ends connects them to each other (attended transfer,
 * REFER with Replaces, RFC 5589 §7), so the two others keep talking;
 * with more, every leg is hung up. A far end hanging up leaves the others in
 * the conference; when one leg is left it is an ordinary call again.
 */
export class LocalConference {
  private stateValue = LocalConferenceState.Joining;
  private readonly legs: PhoneCall[];

  constructor(
    readonly id: string,
    legs: readonly PhoneCall[],
    private readonly deps: LocalConferenceDeps,
  ) {
    if (legs.length < 2) throw new Error('a conference needs two calls');
    if (legs.length > MAX_LOCAL_CONFERENCE_LEGS) throw new Error('too many calls for a local conference');
    this.legs = [...legs];
  }

  get state(): LocalConferenceState {
    return this.stateValue;
  }

  /** the calls in the conference, in the order they joined */
  get calls(): readonly PhoneCall[] {
    return this.legs;
  }

  has(callId: string): boolean {
    return this.stateValue !== LocalConferenceState.Ended && this.legs.some((c) => c.id === callId);
  }

  /**
   * Resumes the held legs, then has the media host mix them.
   * @throws when a leg cannot be resumed or the host cannot mix (the conference is then ended)
   */
  async start(): Promise<void> {
    try {
      for (const leg of this.legs) {
        if (leg.state === CallState.Held) await leg.setHold(false);
      }
      // a leg ended meanwhile: dissolved, nothing to mix
      if (this.stateValue !== LocalConferenceState.Joining) return;
      await this.deps.mix(this.sessionIds());
    } catch (err) {
      if (this.stateValue === LocalConferenceState.Joining) this.fire(LocalConferenceEvent.Failed);
      await this.deps.mix([]).catch(() => undefined);
      throw err;
    }
    if (this.stateValue === LocalConferenceState.Joining) this.fire(LocalConferenceEvent.Joined);
    else await this.deps.mix([]).catch(() => undefined);
  }

  /** Adds one more answered call (a held one is resumed first). */
  async add(call: PhoneCall): Promise<void> {
    if (this.stateValue !== LocalConferenceState.Active) throw new Error(`conference is ${this.stateValue}`);
    if (this.legs.length >= MAX_LOCAL_CONFERENCE_LEGS) throw new Error('the conference is full');
    if (call.state === CallState.Held) await call.setHold(false);
    this.legs.push(call);
    await this.deps.mix(this.sessionIds());
  }

  /** A leg ended (hung up by either side): the others stay; with one left the conference is over. */
  legEnded(callId: string): void {
    const index = this.legs.findIndex((c) => c.id === callId);
    if (index < 0 || this.stateValue === LocalConferenceState.Ended) return;
    this.legs.splice(index, 1);
    if (this.legs.length < 2) {
      this.fire(LocalConferenceEvent.Dissolved);
      this.deps.mix([]).catch((err: unknown) => this.deps.log('warn', `unmix failed: ${String(err)}`));
      return;
    }
    if (this.stateValue === LocalConferenceState.Active) {
      this.deps.mix(this.sessionIds()).catch((err: unknown) => this.deps.log('warn', `remix failed: ${String(err)}`));
    }
  }

  /**
   * We leave: with two far ends they are connected to each other (they keep
   * talking without us); with more, everyone is hung up.
   */
  async leave(): Promise<void> {
    this.fire(LocalConferenceEvent.Leave);
    const legs = [...this.legs];
    await this.deps.mix([]).catch(() => undefined);
    const [first, second] = legs;
    if (legs.length === 2 && first && second) {
      try {
        await first.transferToCall(second);
        return;
      } catch (err) {
        // the REFER was refused (a phone without REFER support): end both rather than leave them hanging
        this.deps.log('warn', `conference leave: transfer failed, hanging up: ${String(err)}`);
      }
    }
    await Promise.all(legs.map((leg) => leg.hangup().catch(() => undefined)));
  }

  private sessionIds(): string[] {
    return this.legs.map((c) => c.mediaSessionId).filter((id): id is string => id !== undefined);
  }

  private fire(event: LocalConferenceEvent): void {
    this.stateValue = localConferenceTransition(this.stateValue, event);
  }
}
