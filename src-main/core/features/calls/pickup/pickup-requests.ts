import type { Clock, TimerHandle } from '../../../platform/clock';
import type { PhoneCall } from '../sip/phone-engine';

/** How long a pickup waits for the proxy to offer the call to this device (SPEC D3). */
export const PICKUP_WAIT_MS = 10_000;

/** How a pending pickup ended without a call. */
export class PickupNotOfferedError extends Error {
  constructor(readonly number: string) {
    super(`the call ringing at ${number} was not offered to this device`);
    this.name = 'PickupNotOfferedError';
  }
}

interface Pending {
  readonly number: string;
  /** the SIP Call-ID the UC server named, once its answer is in */
  sipCallId: string | undefined;
  readonly timer: TimerHandle;
  resolve(call: PhoneCall): void;
  reject(error: Error): void;
}

/**
 * The pickups this device asked for and is waiting to be offered (SPEC D3): the proxy re-targets
 * the caller's INVITE to every device of ours with `X-UC-Pickup: from=<number>`, and the one that
 * asked answers it by itself. Only a call matching a pending request of this device is taken — a
 * stray header (another device of ours asked, or anything else) never answers a call by itself.
 * The INVITE may overtake the UC server's HTTP answer, so a call is matched by the number alone
 * until that answer names the SIP Call-ID, and by both after.
 */
export class PickupRequests {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly clock: Clock,
    private readonly waitMs = PICKUP_WAIT_MS,
  ) {}

  /**
   * Waits for the call ringing at `number` to be offered here (a second request for the same
   * number replaces the first, which fails).
   * @returns the offered call; rejects with {@link PickupNotOfferedError} after the wait
   */
  expect(number: string): Promise<PhoneCall> {
    this.fail(number, new PickupNotOfferedError(number));
    return new Promise<PhoneCall>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => this.fail(number, new PickupNotOfferedError(number)), this.waitMs);
      this.pending.set(number, { number, sipCallId: undefined, timer, resolve, reject });
    });
  }

  /** The UC server accepted the pickup of `number`: its call has this SIP Call-ID. */
  named(number: string, sipCallId: string): void {
    const pending = this.pending.get(number);
    if (pending) pending.sipCallId = sipCallId;
  }

  /** Gives up waiting for `number`'s call (the request failed). */
  fail(number: string, error: Error): void {
    const pending = this.pending.get(number);
    if (!pending) return;
    this.pending.delete(number);
    this.clock.clearTimeout(pending.timer);
    pending.reject(error);
  }

  /**
   * A new incoming call: is it the one a pending pickup waits for?
   * @returns true when it is (the caller answers it), false for any other call
   */
  claim(call: PhoneCall): boolean {
    if (call.direction !== 'incoming' || call.pickedUpFrom === undefined) return false;
    const pending = this.pending.get(call.pickedUpFrom);
    if (!pending) return false;
    if (pending.sipCallId !== undefined && pending.sipCallId !== call.sipCallId) return false;
    this.pending.delete(pending.number);
    this.clock.clearTimeout(pending.timer);
    pending.resolve(call);
    return true;
  }

  /** Fails every pending pickup (logout, engine stopped). */
  clear(): void {
    for (const number of [...this.pending.keys()]) this.fail(number, new PickupNotOfferedError(number));
  }
}
