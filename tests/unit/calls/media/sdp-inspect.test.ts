import { describe, expect, it } from 'vitest';
import {
  audioDirection,
  isHoldOffer,
  telephoneEventPayloadType,
} from '../../../../src-main/core/features/calls/media/sdp-inspect';

const sdp = (audio: string[], session: string[] = [], mLine = 'm=audio 9 UDP/TLS/RTP/SAVPF 0 101'): string =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', ...session, mLine, 'c=IN IP4 127.0.0.1', ...audio].join('\r\n') +
  '\r\n';

describe('sdp-inspect', () => {
  it('defaults to sendrecv', () => {
    expect(audioDirection(sdp(['a=rtpmap:0 PCMU/8000']))).toBe('sendrecv');
  });
  it.each(['sendrecv', 'sendonly', 'recvonly', 'inactive'] as const)('reads a=%s at media level', (d) => {
    expect(audioDirection(sdp([`a=${d}`]))).toBe(d);
  });
  it('media level wins over session level, session level applies otherwise', () => {
    expect(audioDirection(sdp(['a=sendrecv'], ['a=inactive']))).toBe('sendrecv');
    expect(audioDirection(sdp([], ['a=sendonly']))).toBe('sendonly');
  });
  it('treats port 0 and c=0.0.0.0 as inactive', () => {
    expect(audioDirection(sdp([], [], 'm=audio 0 RTP/AVP 0'))).toBe('inactive');
    expect(audioDirection(sdp([]).replace('c=IN IP4 127.0.0.1', 'c=IN IP4 0.0.0.0'))).toBe('inactive');
  });
  it('ignores c=0.0.0.0 when ICE candidates are present (WebRTC SDP)', () => {
    const webrtc = sdp(['a=candidate:1 1 udp 2116026367 127.0.0.1 51754 typ host', 'a=sendrecv']).replace(
      'c=IN IP4 127.0.0.1',
      'c=IN IP4 0.0.0.0',
    );
    expect(audioDirection(webrtc)).toBe('sendrecv');
    expect(isHoldOffer(webrtc)).toBe(false);
  });
  it('detects hold offers', () => {
    expect(isHoldOffer(sdp(['a=sendonly']))).toBe(true);
    expect(isHoldOffer(sdp(['a=inactive']))).toBe(true);
    expect(isHoldOffer(sdp(['a=recvonly']))).toBe(false);
    expect(isHoldOffer(sdp(['a=sendrecv']))).toBe(false);
  });
  it('finds telephone-event only when listed on the m= line', () => {
    expect(telephoneEventPayloadType(sdp(['a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000']))).toBe(101);
    expect(
      telephoneEventPayloadType(sdp(['a=rtpmap:101 telephone-event/8000'], [], 'm=audio 9 RTP/AVP 0')),
    ).toBeUndefined();
    expect(telephoneEventPayloadType(sdp(['a=rtpmap:0 PCMU/8000']))).toBeUndefined();
    expect(telephoneEventPayloadType(sdp(['a=rtpmap:126 TELEPHONE-EVENT/8000'], [], 'm=audio 9 RTP/AVP 0 126'))).toBe(
      126,
    );
  });
  it('ignores a video stream and returns inactive without audio', () => {
    expect(audioDirection('v=0\r\nm=video 9 RTP/AVP 96\r\na=sendrecv\r\n')).toBe('inactive');
  });
});
