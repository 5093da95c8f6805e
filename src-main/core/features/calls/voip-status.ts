import type { VoipProblem } from '../../../../src-preload/contract/calls/voip-ipc';
import type { MediaProbe } from '../../../../src-preload/contract/media-contract';

/**
 * Why VoIP cannot work here (SPEC F5, issue #15), from the switch and what the media host says:
 * the switch first (the user's choice), then no media host, no WebRTC, microphone denied.
 * A microphone permission not asked yet ('prompt') or unknown is no problem: the first call asks.
 *
 * @param probe what the media host answered to `probe`, or `undefined` when it did not answer
 */
export function voipProblemOf(enabled: boolean, probe: MediaProbe | undefined): VoipProblem | null {
  if (!enabled) return 'disabled';
  if (probe === undefined) return 'no-media-host';
  if (!probe.webrtc) return 'no-webrtc';
  if (probe.microphone === 'denied') return 'no-microphone';
  return null;
}
