import { describe, expect, it } from 'vitest';
import { deriveLineState, type LineDialog } from '../../../server/src/features/lamps/derive-line-state';

const ringingFrom = (remote: LineDialog['remote']): LineDialog => ({ direction: 'recipient', phase: 'early', remote });
const talkingWith = (remote: LineDialog['remote']): LineDialog => ({
  direction: 'initiator',
  phase: 'confirmed',
  remote,
});
const calling: LineDialog = { direction: 'initiator', phase: 'trying', remote: 'internal' };

describe('deriveLineState', () => {
  it('is unregistered with no device and idle with one', () => {
    expect(deriveLineState(false, [])).toBe('unregistered');
    expect(deriveLineState(true, [])).toBe('idle');
  });

  it('rings internal or external by the caller, for every early phase of a received call', () => {
    expect(deriveLineState(true, [ringingFrom('internal')])).toBe('ringing-internal');
    expect(deriveLineState(true, [ringingFrom('external')])).toBe('ringing-external');
    for (const phase of ['trying', 'proceeding', 'early'] as const)
      expect(deriveLineState(true, [{ direction: 'recipient', phase, remote: 'internal' }])).toBe('ringing-internal');
  });

  it('is calling while an own call is not answered, talking once any call is', () => {
    expect(deriveLineState(true, [calling])).toBe('calling');
    expect(deriveLineState(true, [talkingWith('internal')])).toBe('talking-internal');
    expect(deriveLineState(true, [{ direction: 'recipient', phase: 'confirmed', remote: 'external' }])).toBe(
      'talking-external',
    );
  });

  it('orders several calls: talking > ringing > calling, external wins a tie', () => {
    expect(deriveLineState(true, [calling, ringingFrom('internal')])).toBe('ringing-internal');
    expect(deriveLineState(true, [ringingFrom('internal'), talkingWith('internal')])).toBe('talking-internal');
    expect(deriveLineState(true, [ringingFrom('internal'), ringingFrom('external')])).toBe('ringing-external');
    expect(deriveLineState(true, [talkingWith('external'), talkingWith('internal')])).toBe('talking-external');
  });

  it('shows a call in progress even when no registration is known (a device is there)', () => {
    expect(deriveLineState(false, [ringingFrom('external')])).toBe('ringing-external');
  });
});
