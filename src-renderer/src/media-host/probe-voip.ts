import type { MediaProbe } from '../../../src-preload/contract/media-contract';

/**
 * Can this page carry a call (SPEC F5, issue #15): WebRTC present, and the microphone permission as
 * the Permissions API reports it. 'unknown' where the API cannot answer for the microphone (the
 * engine then assumes it may work: getUserMedia asks when the first call starts).
 */
export async function probeVoip(): Promise<MediaProbe> {
  const webrtc = typeof globalThis.RTCPeerConnection === 'function';
  let microphone: MediaProbe['microphone'] = 'unknown';
  try {
    const status = await navigator.permissions.query({ name: 'microphone' as PermissionName });
    microphone = status.state;
  } catch {
    // Permissions API without 'microphone' (older engines): unknown
  }
  return { webrtc, microphone };
}
