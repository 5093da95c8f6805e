import type { RTCDtlsTransport, RTCPeerConnection } from 'werift';

/** RFC 7983 §7: a first byte in 20..63 is DTLS (the rest of the 5-tuple carries STUN, RTP, RTCP). */
const isDtlsRecord = (packet: Buffer): boolean => packet.length > 0 && packet[0]! >= 20 && packet[0]! <= 63;
/** An early ClientHello flight is a few records; this bounds what a peer can make us keep. */
const MAX_EARLY_RECORDS = 16;

/**
 * Makes `pc` answer as the DTLS server when the remote offer lets it choose
 * (`a=setup:actpass`, RFC 5763 §5; RFC 8842 §5.3): call after
 * setRemoteDescription of that offer, before createAnswer.
 *
 * Why: werift as DTLS *client* of rtpengine (the bridge to desk phones and
 * trunks, an OpenSSL server) stalls about one handshake in 20 for the whole
 * call — rtpengine does not retransmit its last flight when the client
 * repeats its own (https://github.com/sipwise/rtpengine/issues/1796). As
 * server werift never stalls, but rtpengine (ICE controlling) sends its
 * ClientHello on the first usable pair, before werift (controlled) starts its
 * DTLS server on nomination; werift drops it and the retry comes 1–1.6 s
 * later. So the DTLS records that arrive before the server exists are kept
 * and handed to it as soon as it starts, as browsers do.
 */
export function answerAsDtlsServer(pc: RTCPeerConnection, remoteSdp: string): void {
  if (!/^a=setup:actpass/m.test(remoteSdp)) return;
  for (const dtls of pc.dtlsTransports) {
    if (dtls.role !== 'auto') continue;
    dtls.role = 'server';
    keepEarlyRecords(dtls);
  }
}

/** Buffers DTLS records received while `dtls` is `new`; replays them once its server exists. */
function keepEarlyRecords(dtls: RTCDtlsTransport): void {
  if (dtls.state !== 'new') return;
  const connection = dtls.iceTransport.connection;
  const early: Buffer[] = [];
  const data = connection.onData.subscribe((packet) => {
    if (isDtlsRecord(packet) && early.length < MAX_EARLY_RECORDS) early.push(packet);
  });
  const state = dtls.onStateChange.subscribe((next) => {
    if (next === 'new') return;
    data.unSubscribe();
    state.unSubscribe();
    // werift creates its DtlsServer synchronously right after announcing `connecting`
    if (next === 'connecting' && early.length > 0) {
      setImmediate(() => {
        for (const packet of early.splice(0)) connection.onData.execute(packet);
      });
    }
  });
}
