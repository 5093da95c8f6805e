import { describe, expect, it } from 'vitest';
import type { Call } from '../../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../../src-main/core/features/calls/sip/call-state';
import { findReplacedCall } from '../../../../src-main/core/features/calls/sip/sip-engine';

/** Just what findReplacedCall reads of a call. */
function call(callId: string, localTag: string, remoteTag: string, state = CallState.Established): Call {
  return { state, session: { dialog: { callId, localTag, remoteTag } } } as unknown as Call;
}

describe('findReplacedCall (RFC 3891 Replaces)', () => {
  const a = call('abc@host', 'ours1', 'theirs1');
  const b = call('def', 'ours2', 'theirs2', CallState.Held);
  const ringing = call('ghi', 'ours3', 'theirs3', CallState.RingingIn);

  it('finds the answered call whose Call-ID, our tag (to-tag) and their tag (from-tag) match', () => {
    expect(findReplacedCall([a, b], 'abc@host;to-tag=ours1;from-tag=theirs1')).toBe(a);
    expect(findReplacedCall([a, b], 'def; from-tag=theirs2 ;to-tag=ours2')).toBe(b);
    expect(findReplacedCall([a, b], 'def;to-tag=ours2;from-tag=theirs2;early-only')).toBe(b);
  });

  it('refuses swapped tags, unknown dialogs, missing tags and calls not answered', () => {
    expect(findReplacedCall([a], 'abc@host;to-tag=theirs1;from-tag=ours1')).toBeUndefined();
    expect(findReplacedCall([a], 'zzz;to-tag=ours1;from-tag=theirs1')).toBeUndefined();
    expect(findReplacedCall([a], 'abc@host;to-tag=ours1')).toBeUndefined();
    expect(findReplacedCall([a], '')).toBeUndefined();
    expect(findReplacedCall([ringing], 'ghi;to-tag=ours3;from-tag=theirs3')).toBeUndefined();
  });
});
