import { describe, expect, it } from 'vitest';
import { referralRefusal } from '../../../../src-main/core/features/calls/sip/sip-engine';

describe('referralRefusal (which REFERs we follow, RFC 3515)', () => {
  it('follows targets in our domain, with or without a well-formed Replaces', () => {
    expect(referralRefusal('127.0.0.1', undefined, '127.0.0.1')).toBeUndefined();
    expect(referralRefusal('UC.test', undefined, 'uc.test')).toBeUndefined();
    expect(referralRefusal('uc.test', 'abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2', 'uc.test')).toBeUndefined();
    expect(referralRefusal('uc.test', 'abc;to-tag=1;from-tag=2;early-only', 'uc.test')).toBeUndefined();
  });

  it('refuses another domain: the new call would leave as us, authenticated', () => {
    expect(referralRefusal('gateway.example', undefined, 'uc.test')).toMatch(/outside/);
  });

  it('refuses a Replaces that would smuggle headers or is not decodable', () => {
    const crlf = 'abc%3Bto-tag%3D1%3Bfrom-tag%3D2%0D%0AX-Evil%3A%20yes';
    expect(referralRefusal('uc.test', crlf, 'uc.test')).toMatch(/Replaces/);
    expect(referralRefusal('uc.test', 'abc%20def', 'uc.test')).toMatch(/Replaces/);
    expect(referralRefusal('uc.test', '%E0%A4%A', 'uc.test')).toMatch(/Replaces/);
    expect(referralRefusal('uc.test', '', 'uc.test')).toMatch(/Replaces/);
  });
});
