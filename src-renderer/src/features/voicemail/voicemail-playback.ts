/**
 * The voicemail player's state (SPEC H2), driven by the <audio> element's
 * events. A pure reducer so the rules are unit-tested: one play/pause
 * control, elapsed / total time, and after the end the player is ready to
 * play again from the start (not stuck at "playing" or at the last second).
 *
 * The total comes from the mailbox (the server measured the recording) until
 * the element knows the real duration; a WAV in a blob: URL may report
 * Infinity or NaN first, which is ignored.
 */
export type PlaybackStatus = 'loading' | 'playing' | 'paused' | 'ended';

export interface Playback {
  status: PlaybackStatus;
  positionMs: number;
  durationMs: number;
}

export type PlaybackEvent =
  | { type: 'playing' }
  | { type: 'paused' }
  | { type: 'ended' }
  | { type: 'time'; ms: number }
  | { type: 'duration'; ms: number }
  | { type: 'error' }
  /** another recording (or the same again) was loaded */
  | { type: 'reset'; durationMs: number };

export function initialPlayback(durationMs: number): Playback {
  return { status: 'loading', positionMs: 0, durationMs: Math.max(0, durationMs) };
}

export function playbackReducer(state: Playback, event: PlaybackEvent): Playback {
  switch (event.type) {
    case 'playing':
      return { ...state, status: 'playing' };
    case 'paused':
      // the element pauses on its own at the end, just before 'ended': that is not a user pause
      return state.status === 'ended' ? state : { ...state, status: 'paused' };
    case 'ended':
      return { ...state, status: 'ended', positionMs: 0 };
    case 'time':
      if (!Number.isFinite(event.ms) || state.status === 'ended') return state;
      return { ...state, positionMs: clamp(event.ms, state.durationMs) };
    case 'duration':
      if (!Number.isFinite(event.ms) || event.ms <= 0) return state;
      return { ...state, durationMs: event.ms, positionMs: clamp(state.positionMs, event.ms) };
    case 'error':
      return { ...state, status: 'paused' };
    case 'reset':
      return initialPlayback(event.durationMs);
  }
}

/** What the one play control does and says. */
export function playControl(status: PlaybackStatus): 'pause' | 'play' {
  return status === 'playing' ? 'pause' : 'play';
}

function clamp(ms: number, max: number): number {
  return Math.min(Math.max(0, ms), max > 0 ? max : ms);
}
