import type { RTCPeerConnection } from 'werift';

/**
 * Resolves once `pc` has gathered all its ICE candidates (the voicemail
 * service answers without trickle ICE, RFC 8838), or rejects after
 * `timeoutMs`. Also used by the werift media host of the tests.
 */
export async function waitIceGathering(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => {
      sub.unSubscribe();
      reject(new Error('ICE gathering timed out'));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timeout);
      sub.unSubscribe();
      resolve();
    };
    const sub = pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') done();
    });
    // it may have completed between the first check and the subscription
    if (pc.iceGatheringState === 'complete') done();
  });
}
