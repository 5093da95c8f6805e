import { describe, expect, it } from 'vitest';
import { endReasonForStatus } from '../../../../src-main/core/features/calls/sip/end-reason';

describe('endReasonForStatus', () => {
  it.each([
    [404, 'not-found'],
    [484, 'not-found'],
    [604, 'not-found'],
    [486, 'busy'],
    [600, 'busy'],
    [603, 'rejected'],
    [480, 'unavailable'],
    [408, 'timeout'],
    [487, 'cancelled'],
    [500, 'failed'],
    [403, 'failed'],
    [488, 'failed'],
  ] as const)('%i -> %s', (code, reason) => {
    expect(endReasonForStatus(code)).toBe(reason);
  });

  it('maps locally generated timeouts and transport errors to network', () => {
    expect(endReasonForStatus(408, true)).toBe('network');
    expect(endReasonForStatus(503, true)).toBe('network');
    expect(endReasonForStatus(503, false)).toBe('failed');
  });
});
