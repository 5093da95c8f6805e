import type { CallStateName, CallView } from '../../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../../../src-preload/contract/platform/assert-never';
import { IDLE_HEADSET_STATE, type HeadsetCallState } from './headset-adapter';

/**
 * What the headset follows, derived from the call list:
 * - `following`: zero or one live call; `state` is what the indicators show.
 * - `parallel`: two or more live calls (consultation, call waiting…). SPEC G3:
 *   the headset integration is "not applied while two calls are in parallel",
 *   so indicators go idle and headset buttons are ignored.
 */
export type HeadsetFollow =
  { mode: 'following'; state: HeadsetCallState } | { mode: 'parallel'; state: HeadsetCallState; calls: number };

/** Whether a call still counts (ended calls linger in the list for the UI). */
export function isLiveCall(state: CallStateName): boolean {
  switch (state) {
    case 'dialing':
    case 'ringing-out':
    case 'ringing-in':
    case 'answering':
    case 'established':
    case 'held':
      return true;
    case 'terminating':
    case 'terminated':
      return false;
    default:
      return assertNever(state, 'unknown call state');
  }
}

/**
 * Maps the contract's call list to the headset state.
 *
 * | call state                        | headset phase | why                                          |
 * |-----------------------------------|---------------|----------------------------------------------|
 * | ringing-in                        | ringing       | ring the headset, hook-off answers           |
 * | dialing, ringing-out, answering   | active        | audio path open: hook-on cancels the attempt |
 * | established (not held)            | active        | mute LED follows `muted`                     |
 * | established + held flag, held     | held          | hold LED on; flash resumes                   |
 * | terminating, terminated           | (ignored)     | already ending; lingers only for the UI      |
 */
export function followCalls(calls: readonly CallView[]): HeadsetFollow {
  const live = calls.filter((c) => isLiveCall(c.state));
  if (live.length >= 2) return { mode: 'parallel', state: IDLE_HEADSET_STATE, calls: live.length };
  const call = live[0];
  if (!call) return { mode: 'following', state: IDLE_HEADSET_STATE };
  const base = { callId: call.id, peer: call.peerName ?? call.peer };
  switch (call.state) {
    case 'ringing-in':
      return { mode: 'following', state: { phase: 'ringing', muted: false, ...base } };
    case 'dialing':
    case 'ringing-out':
    case 'answering':
      return { mode: 'following', state: { phase: 'active', muted: call.muted, ...base } };
    case 'established':
      return { mode: 'following', state: { phase: call.held ? 'held' : 'active', muted: call.muted, ...base } };
    case 'held':
      return { mode: 'following', state: { phase: 'held', muted: call.muted, ...base } };
    case 'terminating':
    case 'terminated':
      // filtered out above; kept for exhaustiveness
      return { mode: 'following', state: IDLE_HEADSET_STATE };
    default:
      return assertNever(call.state, 'unknown call state');
  }
}
