import { describe, expect, it } from 'vitest';
import type { CallDirection, CallEndReason } from '../../../../src-preload/contract/ipc-contract';
import { journalResultFor, type JournalResult } from '../../../../src-main/core/features/calls/journal/journal-result';

const allReasons: CallEndReason[] = [
  'local-hangup',
  'remote-hangup',
  'cancelled',
  'rejected',
  'busy',
  'not-found',
  'unavailable',
  'timeout',
  'media-failed',
  'network',
  'failed',
  'completed-elsewhere',
  'no-outside-line',
];

// [direction, reason, expected when NOT answered]
const unanswered: [CallDirection, CallEndReason, JournalResult][] = [
  ['incoming', 'rejected', { result: 'rejected', reason: 'rejected' }],
  ['incoming', 'local-hangup', { result: 'rejected', reason: 'rejected' }],
  ['incoming', 'cancelled', { result: 'missed', reason: 'cancelled' }],
  ['incoming', 'remote-hangup', { result: 'missed', reason: 'remote-hangup' }],
  ['incoming', 'timeout', { result: 'missed', reason: 'timeout' }],
  ['incoming', 'busy', { result: 'missed', reason: 'busy' }],
  ['incoming', 'not-found', { result: 'missed', reason: 'not-found' }],
  ['incoming', 'unavailable', { result: 'missed', reason: 'unavailable' }],
  ['incoming', 'media-failed', { result: 'missed', reason: 'media-failed' }],
  ['incoming', 'network', { result: 'missed', reason: 'network' }],
  ['incoming', 'failed', { result: 'missed', reason: 'failed' }],
  // answered on another device or picked up by a colleague (RFC 3326 cause 200): not missed
  ['incoming', 'completed-elsewhere', { result: 'rejected', reason: 'completed-elsewhere' }],
  ['outgoing', 'rejected', { result: 'rejected', reason: 'rejected' }],
  ['outgoing', 'busy', { result: 'rejected', reason: 'busy' }],
  ['outgoing', 'cancelled', { result: 'failed', reason: 'cancelled' }],
  ['outgoing', 'local-hangup', { result: 'failed', reason: 'cancelled' }],
  ['outgoing', 'not-found', { result: 'failed', reason: 'not-found' }],
  ['outgoing', 'unavailable', { result: 'failed', reason: 'unavailable' }],
  ['outgoing', 'network', { result: 'failed', reason: 'network' }],
  ['outgoing', 'timeout', { result: 'failed', reason: 'timeout' }],
  ['outgoing', 'media-failed', { result: 'failed', reason: 'media-failed' }],
  ['outgoing', 'failed', { result: 'failed', reason: 'failed' }],
  ['outgoing', 'completed-elsewhere', { result: 'failed', reason: 'completed-elsewhere' }],
  ['outgoing', 'remote-hangup', { result: 'failed', reason: 'remote-hangup' }],
  // our proxy refused the external number: no trunk, or no DID of ours (issue #12)
  ['outgoing', 'no-outside-line', { result: 'failed', reason: 'no-outside-line' }],
  ['incoming', 'no-outside-line', { result: 'missed', reason: 'no-outside-line' }],
];

describe('journalResultFor', () => {
  it('the table covers every direction × reason exactly once', () => {
    for (const direction of ['incoming', 'outgoing'] as const) {
      const covered = unanswered.filter(([d]) => d === direction).map(([, r]) => r);
      expect([...covered].sort()).toEqual([...allReasons].sort());
    }
  });

  it.each(unanswered)('unanswered %s ending with %s', (direction, reason, expected) => {
    expect(journalResultFor(direction, undefined, reason)).toEqual(expected);
  });

  it.each(allReasons.flatMap((reason) => (['incoming', 'outgoing'] as const).map((d) => [d, reason] as const)))(
    'answered %s ending with %s is answered and keeps the reason',
    (direction, reason) => {
      expect(journalResultFor(direction, 1_700_000_000_000, reason)).toEqual({ result: 'answered', reason });
    },
  );

  it("an outgoing call the callee's do not disturb sent to voicemail, or refused, says do-not-disturb", () => {
    expect(journalResultFor('outgoing', 1_700_000_000_000, 'local-hangup', true, 'do-not-disturb')).toEqual({
      result: 'answered',
      reason: 'do-not-disturb',
    });
    expect(journalResultFor('outgoing', undefined, 'do-not-disturb')).toEqual({
      result: 'rejected',
      reason: 'do-not-disturb',
    });
    // another diversion (the callee deflected it) is plain voicemail
    expect(journalResultFor('outgoing', 1_700_000_000_000, 'local-hangup', true, 'deflection')).toEqual({
      result: 'answered',
      reason: 'voicemail',
    });
  });

  it('an outgoing call the voicemail service answered is "voicemail", however it ended', () => {
    for (const reason of ['local-hangup', 'remote-hangup', 'network'] as const) {
      expect(journalResultFor('outgoing', 1_700_000_000_000, reason, true)).toEqual({
        result: 'answered',
        reason: 'voicemail',
      });
    }
    // the flag only means something for our own calls; an unanswered call was answered by nobody
    expect(journalResultFor('incoming', 1_700_000_000_000, 'remote-hangup', true)).toEqual({
      result: 'answered',
      reason: 'remote-hangup',
    });
    expect(journalResultFor('outgoing', undefined, 'cancelled', true)).toEqual({
      result: 'failed',
      reason: 'cancelled',
    });
  });

  it('an answer at epoch 0 still counts as answered', () => {
    expect(journalResultFor('incoming', 0, 'remote-hangup').result).toBe('answered');
  });

  it('throws on an unknown direction or reason from untyped data', () => {
    expect(() => journalResultFor('sideways' as CallDirection, undefined, 'failed')).toThrow(/Unknown call direction/);
    expect(() => journalResultFor('incoming', undefined, 'gone' as CallEndReason)).toThrow(/Unknown call end reason/);
  });
});
