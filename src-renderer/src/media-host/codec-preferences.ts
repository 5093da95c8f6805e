/**
 * SPEC F6: Opus first, then G.711 (PCMU, PCMA) so a plain SIP phone or a trunk always finds a
 * codec it has, then whatever else the browser offers (telephone-event, CN…). Applied with
 * `RTCRtpTransceiver.setCodecPreferences` (JSEP, RFC 8829 §4.2.8).
 */
const ORDER = ['audio/opus', 'audio/pcmu', 'audio/pcma'];

export function preferredAudioCodecs(codecs: readonly RTCRtpCodec[]): RTCRtpCodec[] {
  const rank = (c: RTCRtpCodec) => {
    const i = ORDER.indexOf(c.mimeType.toLowerCase());
    return i === -1 ? ORDER.length : i;
  };
  // a stable sort keeps the browser's order among equals (e.g. its telephone-event clock rates)
  return [...codecs].sort((a, b) => rank(a) - rank(b));
}

/** Best effort: an engine without setCodecPreferences keeps its own order (Opus first in Chromium). */
export function applyAudioCodecPreferences(transceiver: RTCRtpTransceiver): void {
  const capabilities = RTCRtpReceiver.getCapabilities?.('audio');
  if (!capabilities || typeof transceiver.setCodecPreferences !== 'function') return;
  try {
    transceiver.setCodecPreferences(preferredAudioCodecs(capabilities.codecs));
  } catch {
    // a codec list the engine refuses: its default order stays
  }
}
