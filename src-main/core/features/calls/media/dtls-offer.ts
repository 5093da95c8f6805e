/**
 * DTLS-SRTP is required for every call (SPEC F6, RFC 8827 §6.5): an SDP offer whose audio stream
 * is not `UDP/TLS/RTP/SAVPF` (or `UDP/TLS/RTP/SAVP`, `TCP/DTLS/RTP/SAVPF`) with a DTLS
 * `a=fingerprint` (RFC 8122 §5, session or media level) is refused before it rings, with this
 * reason — rather than failing later in the media host with no word why. Plain RTP (a desk
 * phone, a trunk) reaches us through rtpengine, which offers DTLS-SRTP on our side.
 *
 * @returns why the offer is refused, or undefined when it is acceptable (or carries no SDP: a
 *   late offer is answered by our own DTLS offer)
 */
export function dtlsSrtpRefusal(sdp: string | undefined): string | undefined {
  if (sdp === undefined || sdp.trim() === '') return undefined;
  const lines = sdp.split(/\r?\n/).map((l) => l.trim());
  const firstMedia = lines.findIndex((l) => l.startsWith('m='));
  const session = firstMedia === -1 ? lines : lines.slice(0, firstMedia);
  const audioStart = lines.findIndex((l) => l.startsWith('m=audio '));
  if (audioStart === -1) return 'the offer has no audio stream';
  const audioEnd = lines.findIndex((l, i) => i > audioStart && l.startsWith('m='));
  const audio = lines.slice(audioStart + 1, audioEnd === -1 ? undefined : audioEnd);
  const proto = lines[audioStart]!.split(/\s+/)[2] ?? '';
  if (!/^(UDP\/TLS\/RTP\/SAVPF?|TCP\/DTLS\/RTP\/SAVPF?)$/i.test(proto)) {
    return `DTLS-SRTP required: the audio stream is ${proto || 'of no profile'}, not UDP/TLS/RTP/SAVPF`;
  }
  const fingerprint = (l: string) => /^a=fingerprint:\S+ [0-9A-Fa-f:]+$/.test(l);
  if (!session.some(fingerprint) && !audio.some(fingerprint)) {
    return 'DTLS-SRTP required: the offer has no DTLS fingerprint (a=fingerprint)';
  }
  return undefined;
}
