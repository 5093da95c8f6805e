import type { LineState } from '../../../../src-preload/contract/presence';
import type { DialogDirection, DialogPhase } from './dialog-info';

/** Whether the other party of a call is one of our users (or our own service) or anyone else. */
export type PartyKind = 'internal' | 'external';

/** A call of one line, as the lamps track it. */
export interface LineDialog {
  readonly direction: DialogDirection;
  /** never `terminated`: a terminated dialog is forgotten */
  readonly phase: Exclude<DialogPhase, 'terminated'>;
  readonly remote: PartyKind;
}

/**
 * The busy lamp of a line (SPEC B4) from its calls and registration:
 * a call in progress beats everything (a device is there, registered or not
 * as far as we heard); then an answered call (talking), else a call ringing
 * at the user (ringing), else one the user places (calling); else idle when
 * a device is registered, unregistered otherwise. Between two talking (or two
 * ringing) calls, an external party wins: it is the one the colleague should
 * not cut into, and the ring colour that tells a caller from outside.
 */
export function deriveLineState(registered: boolean, dialogs: Iterable<LineDialog>): LineState {
  let talking: PartyKind | undefined;
  let ringing: PartyKind | undefined;
  let calling = false;
  for (const dialog of dialogs) {
    if (dialog.phase === 'confirmed') talking = strongest(talking, dialog.remote);
    else if (dialog.direction === 'recipient') ringing = strongest(ringing, dialog.remote);
    else calling = true;
  }
  if (talking !== undefined) return talking === 'internal' ? 'talking-internal' : 'talking-external';
  if (ringing !== undefined) return ringing === 'internal' ? 'ringing-internal' : 'ringing-external';
  if (calling) return 'calling';
  return registered ? 'idle' : 'unregistered';
}

function strongest(current: PartyKind | undefined, next: PartyKind): PartyKind {
  return current === 'external' || next === 'external' ? 'external' : 'internal';
}
