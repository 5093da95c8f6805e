/** SPEC F6: the media host's codec order — Opus, then G.711 (PCMU, PCMA), then the rest as the browser had them. */
import { describe, expect, it } from 'vitest';
import { preferredAudioCodecs } from '../../../src-renderer/src/media-host/codec-preferences';

const codec = (mimeType: string, clockRate: number): RTCRtpCodec => ({ mimeType, clockRate, channels: 1 });

describe('preferredAudioCodecs', () => {
  it('puts Opus first and G.711 next, keeping the browser order among the others', () => {
    const browser = [
      codec('audio/G722', 8000),
      codec('audio/PCMA', 8000),
      codec('audio/telephone-event', 48000),
      codec('audio/opus', 48000),
      codec('audio/CN', 8000),
      codec('audio/PCMU', 8000),
      codec('audio/telephone-event', 8000),
    ];
    expect(preferredAudioCodecs(browser).map((c) => `${c.mimeType}/${c.clockRate}`)).toEqual([
      'audio/opus/48000',
      'audio/PCMU/8000',
      'audio/PCMA/8000',
      'audio/G722/8000',
      'audio/telephone-event/48000',
      'audio/CN/8000',
      'audio/telephone-event/8000',
    ]);
  });
});
