/**
 * The werift answerer takes the DTLS server role (a=setup:passive, RFC 5763 §5)
 * when the offer lets it choose, and changes nothing otherwise.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RTCPeerConnection } from 'werift';
import { answerAsDtlsServer } from '../../../server/src/features/voicemail/answer-as-dtls-server';

describe('answerAsDtlsServer', () => {
  const open: RTCPeerConnection[] = [];
  afterEach(async () => {
    for (const pc of open.splice(0)) await pc.close();
  });

  const answerTo = async (setup: 'actpass' | 'active', prefer: boolean): Promise<string> => {
    const offerer = new RTCPeerConnection();
    const answerer = new RTCPeerConnection();
    open.push(offerer, answerer);
    offerer.addTransceiver('audio', { direction: 'sendrecv' });
    await offerer.setLocalDescription(await offerer.createOffer());
    const sdp = offerer.localDescription!.sdp.replace(/^a=setup:\w+/m, `a=setup:${setup}`);
    await answerer.setRemoteDescription({ type: 'offer', sdp });
    if (prefer) answerAsDtlsServer(answerer, sdp);
    await answerer.setLocalDescription(await answerer.createAnswer());
    return /^a=setup:(\w+)/m.exec(answerer.localDescription!.sdp)?.[1] ?? '';
  };

  it('answers an actpass offer as DTLS server (passive)', async () => {
    expect(await answerTo('actpass', false)).toBe('active');
    expect(await answerTo('actpass', true)).toBe('passive');
  });

  it('leaves an offer that imposes the roles to werift', async () => {
    expect(await answerTo('active', true)).toBe(await answerTo('active', false));
  });

  it('keeps the DTLS records that arrive before its server starts and hands them over once it does', async () => {
    const offerer = new RTCPeerConnection();
    const answerer = new RTCPeerConnection();
    open.push(offerer, answerer);
    offerer.addTransceiver('audio', { direction: 'sendrecv' });
    await offerer.setLocalDescription(await offerer.createOffer());
    await answerer.setRemoteDescription({ type: 'offer', sdp: offerer.localDescription!.sdp });
    answerAsDtlsServer(answerer, offerer.localDescription!.sdp);
    const dtls = answerer.dtlsTransports[0]!;
    const connection = dtls.iceTransport.connection;
    const seen: number[] = [];
    connection.onData.subscribe((packet) => seen.push(packet[0]!));
    const clientHello = Buffer.from([22, 0xfe, 0xfd, 0, 0]);
    const rtp = Buffer.from([0x80, 0, 0, 0]);
    connection.onData.execute(clientHello);
    connection.onData.execute(rtp);
    expect(seen).toEqual([22, 0x80]);
    dtls.onStateChange.execute('connecting');
    await new Promise((resolve) => setImmediate(resolve));
    // the ClientHello once more (now to the server), not the RTP packet
    expect(seen).toEqual([22, 0x80, 22]);
    dtls.onStateChange.execute('connected');
    connection.onData.execute(clientHello);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([22, 0x80, 22, 22]);
  });
});
