/**
 * The VoIP switch and the ICE servers (SPEC F5, issue #15): whether this computer places and
 * answers calls itself, why it cannot when it cannot, and the STUN/TURN servers calls use.
 */
import { z } from 'zod';

/**
 * Why VoIP does not work here, or null when it does.
 * - `disabled`: the user turned VoIP off (Settings > VoIP): no call is placed or answered here
 * - `no-media-host`: the media page / window does not answer (nothing can carry audio)
 * - `no-webrtc`: the media host has no WebRTC (`RTCPeerConnection` missing)
 * - `no-microphone`: the microphone permission is denied
 */
export type VoipProblem = 'disabled' | 'no-media-host' | 'no-webrtc' | 'no-microphone';

export interface VoipStatus {
  /** the VoIP switch (settings.voip) */
  enabled: boolean;
  /** the first reason VoIP cannot work, null when it can */
  problem: VoipProblem | null;
}

/** One STUN/TURN server as Settings lists it (the credential is never sent to the renderer). */
export interface IceServerView {
  /** `stun:host[:port]`, `turn:host[:port][?transport=udp|tcp]` or `turns:…` (RFC 7064, RFC 7065) */
  url: string;
  /** TURN user name, when there is one */
  username?: string;
  /** provisioned by the UC server: shown, cannot be removed here */
  provisioned: boolean;
}

/** STUN/TURN URI shapes (RFC 7064 §3.1, RFC 7065 §3.1): scheme, host, optional port and transport. */
export const ICE_SERVER_URL =
  /^(stuns?|turns?):(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\?transport=(udp|tcp))?$/i;

export const voipInvokeSchemas = {
  'voip.getStatus': z.strictObject({}),
  /** the user's servers then the UC server's (read-only) */
  'voip.listIceServers': z.strictObject({}),
  /**
   * Adds a user STUN/TURN server: `invalid-ice-server` when the URL is not a STUN/TURN URI or a TURN
   * server lacks credentials; `duplicate-ice-server` when it is already listed (user or provisioned)
   */
  'voip.addIceServer': z.strictObject({
    url: z.string().trim().min(1).max(512),
    username: z.string().max(256).optional(),
    credential: z.string().max(256).optional(),
  }),
  /** removes a user server; `not-found` for a provisioned one or one not listed */
  'voip.removeIceServer': z.strictObject({ url: z.string().trim().min(1).max(512) }),
} as const;

export interface VoipInvokeResults {
  'voip.getStatus': VoipStatus;
  'voip.listIceServers': IceServerView[];
  'voip.addIceServer': IceServerView[];
  'voip.removeIceServer': IceServerView[];
}
