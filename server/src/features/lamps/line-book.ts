import type { LineState } from '../../../../src-preload/contract/presence';
import type { DialogPhase } from './dialog-info';
import { deriveLineState, type LineDialog } from './derive-line-state';

/** How long a terminated dialog's id is remembered, so a late "early" PUBLISH cannot revive it. */
const TERMINATED_MEMORY_MS = 60_000;

/** RFC 4235 §3.7.1: a dialog only moves forward (UDP PUBLISHes may arrive out of order). */
const PHASE_ORDER: Record<DialogPhase, number> = { trying: 0, proceeding: 1, early: 2, confirmed: 3, terminated: 4 };

interface Line {
  registered: boolean;
  /** dialog id → the call; ids from pua_dialoginfo, or `dlg:…` from a reconcile */
  readonly dialogs: Map<string, LineDialog>;
  /** Date.now() of the last event about this line (a reconcile that started before keeps it) */
  changedAt: number;
}

/**
 * Per internal number, its calls and whether a device is registered — what the
 * line state is derived from ({@link deriveLineState}). Pure bookkeeping: the
 * lamps service feeds it events and reconciles, and publishes what changed.
 */
export class LineBook {
  readonly #lines = new Map<string, Line>();
  /** dialog id → when it ended */
  readonly #terminated = new Map<string, number>();
  /** "number\0dialog id" → who took that call over (pickup) and when */
  readonly #handedOver = new Map<string, { to: string; at: number }>();

  /**
   * A pickup (SPEC D3): the calls ringing at `from` are now `to`'s. Kamailio 5.6's
   * pua_dialoginfo keeps publishing the callee side of such a dialog under the
   * original callee (the To of the INVITE; its refresh of the published URIs
   * came in a later release), so events for those dialogs of `from` are applied
   * to `to` from now on. Returns false when nothing rang at `from`.
   */
  handOver(from: string, to: string, now: number): boolean {
    const line = this.#lines.get(from);
    if (line === undefined) return false;
    let moved = false;
    for (const [id, dialog] of line.dialogs) {
      if (dialog.direction !== 'recipient' || PHASE_ORDER[dialog.phase] >= PHASE_ORDER.confirmed) continue;
      line.dialogs.delete(id);
      this.#handedOver.set(`${from}\0${id}`, { to, at: now });
      this.#line(to).dialogs.set(id, dialog);
      this.#line(to).changedAt = now;
      moved = true;
    }
    line.changedAt = now;
    return moved;
  }

  /** A dialog of `number` changed (dialog-info); `now` = Date.now(). */
  applyDialog(number: string, id: string, phase: DialogPhase, dialog: Omit<LineDialog, 'phase'>, now: number): void {
    const owner = this.ownerOf(number, id);
    if (owner !== number) return this.applyDialog(owner, id, phase, dialog, now);
    const line = this.#line(number);
    line.changedAt = now;
    this.#forgetOldTerminated(now);
    if (phase === 'terminated') {
      line.dialogs.delete(id);
      this.#terminated.set(id, now);
      return;
    }
    if (this.#terminated.has(id)) return;
    const known = line.dialogs.get(id);
    if (known !== undefined && PHASE_ORDER[known.phase] > PHASE_ORDER[phase]) return;
    line.dialogs.set(id, { ...dialog, phase });
  }

  /** Whether any device of `number` is registered (reginfo or usrloc). */
  setRegistered(number: string, registered: boolean): void {
    const line = this.#line(number);
    line.registered = registered;
  }

  /**
   * What Kamailio's dialog list says `number`'s calls are: replaces the tracked
   * ones when no event about the line arrived since `since` (the reconcile's start).
   */
  reconcileDialogs(number: string, dialogs: ReadonlyMap<string, LineDialog>, since: number): void {
    const line = this.#line(number);
    if (line.changedAt > since) return;
    const derived = deriveLineState(line.registered, dialogs.values());
    if (derived === deriveLineState(line.registered, line.dialogs.values())) return;
    line.dialogs.clear();
    for (const [id, dialog] of dialogs) line.dialogs.set(id, dialog);
  }

  /** Whose line a dialog event published for `number` belongs to (the picker's after a pickup). */
  ownerOf(number: string, id: string): string {
    return this.#handedOver.get(`${number}\0${id}`)?.to ?? number;
  }

  /** The numbers the book knows. */
  numbers(): string[] {
    return [...this.#lines.keys()];
  }

  /** Whether `number` has calls the last reconcile put there (ids `dlg:…`). */
  hasReconciledDialogs(number: string): boolean {
    return [...(this.#lines.get(number)?.dialogs.keys() ?? [])].some((id) => id.startsWith('dlg:'));
  }

  lineOf(number: string): LineState {
    const line = this.#lines.get(number);
    return line === undefined ? 'unregistered' : deriveLineState(line.registered, line.dialogs.values());
  }

  #line(number: string): Line {
    let line = this.#lines.get(number);
    if (line === undefined) {
      line = { registered: false, dialogs: new Map(), changedAt: 0 };
      this.#lines.set(number, line);
    }
    return line;
  }

  #forgetOldTerminated(now: number): void {
    for (const [id, at] of this.#terminated) {
      if (now - at < TERMINATED_MEMORY_MS) break;
      this.#terminated.delete(id);
      for (const key of this.#handedOver.keys()) if (key.endsWith(`\0${id}`)) this.#handedOver.delete(key);
    }
  }
}
