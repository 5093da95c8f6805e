/**
 * Just enough SDP reading (RFC 4566 / RFC 8866) for call control: the media
 * direction of the audio stream (hold detection, RFC 3264 §5.1 and §8.4) and
 * whether RFC 4733 telephone-events were negotiated. Not a general parser.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8866 SDP
 * @see https://www.rfc-editor.org/rfc/rfc3264#section-5.1 media directions
 */

export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

const directions: readonly SdpDirection[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

interface AudioSection {
  /** payload types listed on the m= line; empty when the port is 0 (stream rejected) */
  formats: string[];
  lines: string[];
  port: number;
}

function splitLines(sdp: string): string[] {
  return sdp
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Session-level lines (before the first m=) and the first audio m= section. */
function sections(sdp: string): { session: string[]; audio: AudioSection | undefined } {
  const session: string[] = [];
  let audio: AudioSection | undefined;
  let inMedia = false;
  let inAudio = false;
  for (const line of splitLines(sdp)) {
    if (line.startsWith('m=')) {
      inMedia = true;
      // Only the first audio stream matters to a softphone.
      inAudio = audio === undefined && line.startsWith('m=audio ');
      if (inAudio) {
        const parts = line.slice(2).split(/\s+/);
        audio = { port: Number(parts[1]), formats: parts.slice(3), lines: [] };
      }
      continue;
    }
    if (!inMedia) session.push(line);
    else if (inAudio && audio) audio.lines.push(line);
  }
  return { session, audio };
}

function directionIn(lines: string[]): SdpDirection | undefined {
  for (const line of lines) {
    const value = line.slice(2);
    if (line.startsWith('a=') && (directions as readonly string[]).includes(value)) return value as SdpDirection;
  }
  return undefined;
}

/**
 * Direction of the audio stream: the media-level attribute wins over the
 * session-level one; none means `sendrecv` (RFC 3264 §5.1). A port of 0
 * counts as `inactive`, and so does `c=IN IP4 0.0.0.0` (the RFC 2543 hold
 * style some PBXs still send) — but only without ICE candidates, because
 * WebRTC SDP always carries 0.0.0.0 there (RFC 8839 §4.2.5).
 */
export function audioDirection(sdp: string): SdpDirection {
  const { session, audio } = sections(sdp);
  if (!audio) return 'inactive';
  if (audio.port === 0) return 'inactive';
  const conn = [...audio.lines, ...session].find((l) => l.startsWith('c='));
  const ice = audio.lines.some((l) => l.startsWith('a=candidate:'));
  if (!ice && conn && /\sIN\s+IP4\s+0\.0\.0\.0$/.test(` ${conn.slice(2)}`)) return 'inactive';
  return directionIn(audio.lines) ?? directionIn(session) ?? 'sendrecv';
}

/**
 * Whether a remote *offer* puts us on hold: the far end will not send us
 * media (`sendonly` from its side means it only sends — music on hold —, and
 * `inactive` means nothing either way; RFC 3264 §8.4).
 */
export function isHoldOffer(sdp: string): boolean {
  const d = audioDirection(sdp);
  return d === 'sendonly' || d === 'inactive';
}

/** Payload type of `telephone-event/8000` in the audio stream, if offered (RFC 4733 §7). */
export function telephoneEventPayloadType(sdp: string): number | undefined {
  const { audio } = sections(sdp);
  if (!audio || audio.port === 0) return undefined;
  for (const line of audio.lines) {
    const m = /^a=rtpmap:(\d+)\s+telephone-event\/8000\b/i.exec(line);
    if (m && audio.formats.includes(m[1]!)) return Number(m[1]);
  }
  return undefined;
}
