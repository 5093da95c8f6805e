import { describe, expect, it } from 'vitest';
import { isCompletedElsewhere, pickupOrigin } from '../../../src-main/core/features/calls/sip/pickup-headers';

describe('pickup headers', () => {
  it.each([
    ['SIP;cause=200;text="Call completed elsewhere"', true],
    ['SIP;cause=200', true],
    ['sip ; cause = 200', true],
    ['Q.850;cause=16, SIP;cause=200', true],
    ['SIP;cause=2000', false],
    ['SIP;cause=487', false],
    ['Q.850;cause=200', false],
    ['', false],
    [undefined, false],
  ])('Reason %j completed elsewhere: %s (RFC 3326)', (reason, expected) => {
    expect(isCompletedElsewhere(reason)).toBe(expected);
  });

  it('reads X-UC-Pickup by= and from=, refusing anything malformed', () => {
    expect(pickupOrigin('by=102;from=101')).toEqual({ by: '102', from: '101' });
    expect(pickupOrigin(' from=101 ; by=102 ')).toEqual({ by: '102', from: '101' });
    expect(pickupOrigin('by=102')).toBeUndefined();
    expect(pickupOrigin('by=102;from=10 1')).toBeUndefined();
    expect(pickupOrigin('by=102;from=<sip:101@evil>')).toBeUndefined();
    expect(pickupOrigin(undefined)).toBeUndefined();
  });
});
