import type { RTCPeerConnection } from 'werift';

/**
 * Makes `pc` answer as the DTLS server when the remote offer lets it choose
 * (`a=setup:actpass`, RFC 5763 §5; RFC 8842 §5.3): call after
 * setRemoteDescription of that offer, before createAnswer. werift as DTLS
 * *client* of an OpenSSL server (rtpengine, the bridge to desk phones and
 * trunks) stalls about one handshake in 20 — the server keeps resending its
 * flight 4, werift its flight 5; as server it has not. Browsers answer as
 * client and do not stall. Used by the werift media host of the tests; not
 * yet by PcmuMediaSession (a werift offerer then gets no media from it).
 */
export function answerAsDtlsServer(pc: RTCPeerConnection, remoteSdp: string): void {
  if (!/^a=setup:actpass/m.test(remoteSdp)) return;
  for (const dtls of pc.dtlsTransports) if (dtls.role === 'auto') dtls.role = 'server';
}
