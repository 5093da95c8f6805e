/**
 * The voicemail player (issue #8): one play/pause control, elapsed / total
 * time that stays right, and after the end a player ready to play again from
 * the start instead of one stuck on "playing" or on the last second.
 */
import { describe, expect, it } from 'vitest';
import {
  initialPlayback,
  playbackReducer,
  playControl,
  type Playback,
  type PlaybackEvent,
} from '../../../src-renderer/src/features/voicemail/voicemail-playback';

const run = (events: PlaybackEvent[], start: Playback = initialPlayback(5_000)): Playback =>
  events.reduce(playbackReducer, start);

describe('voicemail playback', () => {
  it('plays with elapsed / total, the one control turning into Pause', () => {
    const state = run([{ type: 'playing' }, { type: 'time', ms: 1_200 }]);
    expect(state).toEqual({ status: 'playing', positionMs: 1_200, durationMs: 5_000 });
    expect(playControl(state.status)).toBe('pause');
    expect(playControl(run([{ type: 'playing' }, { type: 'paused' }]).status)).toBe('play');
  });

  it('after the end it is ready to play again from the start (the element pauses just before ending)', () => {
    const state = run([{ type: 'playing' }, { type: 'time', ms: 4_990 }, { type: 'paused' }, { type: 'ended' }]);
    expect(state).toEqual({ status: 'ended', positionMs: 0, durationMs: 5_000 });
    expect(playControl(state.status)).toBe('play');
    // a late timeupdate at the very end does not move the position back to the end
    expect(playbackReducer(state, { type: 'time', ms: 5_000 }).positionMs).toBe(0);
    // playing again
    expect(run([{ type: 'playing' }, { type: 'time', ms: 300 }], state)).toMatchObject({
      status: 'playing',
      positionMs: 300,
    });
  });

  it('takes the real duration once known, ignores Infinity/NaN, and never shows more elapsed than total', () => {
    expect(run([{ type: 'duration', ms: Infinity }]).durationMs).toBe(5_000);
    expect(run([{ type: 'duration', ms: Number.NaN }]).durationMs).toBe(5_000);
    expect(run([{ type: 'duration', ms: 5_432 }]).durationMs).toBe(5_432);
    expect(run([{ type: 'playing' }, { type: 'time', ms: 9_000 }]).positionMs).toBe(5_000);
  });

  it('a failed play leaves it paused; another recording starts over', () => {
    expect(run([{ type: 'error' }]).status).toBe('paused');
    expect(run([{ type: 'playing' }, { type: 'time', ms: 2_000 }, { type: 'reset', durationMs: 8_000 }])).toEqual(
      initialPlayback(8_000),
    );
  });
});
