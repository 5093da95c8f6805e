import { describe, expect, it } from 'vitest';
import {
  parseDialTarget,
  type DialTargetError,
  type DialTargetKind,
} from '../../../src-preload/contract/calls/dial-target';

type Ok = [input: string, kind: DialTargetKind, target: string, display: string, canonical?: string];

const accepted: Ok[] = [
  // internal extensions
  ['101', 'internal', '101', '101'],
  ['  101  ', 'internal', '101', '101'],
  ['\t101\n', 'internal', '101', '101'], // pasted with surrounding whitespace: trimmed
  ['12', 'internal', '12', '12'],
  ['12345678', 'internal', '12345678', '12345678'],
  ['10-01', 'internal', '1001', '1001'],
  ['１０１', 'internal', '101', '101'], // full-width digits (NFKC)
  // emergency numbers (SPEC G, issue #12): dialed as typed, the proxy sends them out through the trunk
  ['112', 'internal', '112', '112'],
  ['15', 'internal', '15', '15'],
  ['17', 'internal', '17', '17'],
  ['18', 'internal', '18', '18'],
  ['911', 'internal', '911', '911'],
  // service codes (# escaped on the wire, RFC 3261 §25.1)
  ['*21#', 'internal', '*21%23', '*21#'],
  ['#31#', 'internal', '%2331%23', '#31#'],
  ['*8', 'internal', '*8', '*8'],
  ['*21*0612345678#', 'internal', '*21*0612345678%23', '*21*0612345678#'],
  ['* 21 #', 'internal', '*21%23', '*21#'],
  // international
  ['+33 1 23 45 67 89', 'external', '+33123456789', '+33 1 23 45 67 89'],
  ['+33123456789', 'external', '+33123456789', '+33 1 23 45 67 89'],
  ['0033 1 23 45 67 89', 'external', '+33123456789', '+33 1 23 45 67 89'],
  ['+33 (0)1 23 45 67 89', 'external', '+33123456789', '+33 1 23 45 67 89'],
  ['+33.6.12.34.56.78', 'external', '+33612345678', '+33 6 12 34 56 78'],
  ['+44 20 7946 0958', 'external', '+442079460958', '+44 20 7946 0958'],
  ['+49 (30) 123456', 'external', '+4930123456', '+49 30 123456'],
  ['+1 (555) 010-0100', 'external', '+15550100100', '+1 555 010 0100'],
  ['+33\u00a01\u202f23 45 67 89', 'external', '+33123456789', '+33 1 23 45 67 89'], // no-break spaces
  ['+33/1/23/45/67/89', 'external', '+33123456789', '+33 1 23 45 67 89'],
  // national, 9+ digits, no region: dialed as typed
  ['01 23 45 67 89', 'external', '0123456789', '0123456789'],
  ['123456789', 'external', '123456789', '123456789'],
  ['1'.repeat(32), 'external', '1'.repeat(32), '1'.repeat(32)],
  // sip URIs
  ['sip:alice@example.com', 'sip-uri', 'sip:alice@example.com', 'alice@example.com'],
  ['SIP:Alice.Martin@Example.COM', 'sip-uri', 'sip:Alice.Martin@example.com', 'Alice.Martin@example.com'],
  ['sip:101@127.0.0.1', 'sip-uri', 'sip:101@127.0.0.1', '101@127.0.0.1'],
  ['sip:101@127.0.0.1:5060', 'sip-uri', 'sip:101@127.0.0.1:5060', '101@127.0.0.1:5060'],
  ['sip:a_b~c+d-e@localhost', 'sip-uri', 'sip:a_b~c+d-e@localhost', 'a_b~c+d-e@localhost'],
  [
    'sip:+33123456789@sip-gw.example.org',
    'sip-uri',
    'sip:+33123456789@sip-gw.example.org',
    '+33123456789@sip-gw.example.org',
  ],
];

const refused: [input: string, reason: DialTargetError][] = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['\n\t ', 'empty'],
  ['12ab', 'invalid-characters'],
  ['abc', 'invalid-characters'],
  ['1-800-FLOWERS', 'invalid-characters'],
  ['1\n2', 'invalid-characters'],
  ['1\t2', 'invalid-characters'],
  ['10\u200b1', 'invalid-characters'], // zero-width space
  ['\u200e+33123456789', 'invalid-characters'], // bidi mark
  ['10\u00001', 'invalid-characters'],
  ['101;', 'invalid-characters'],
  ['101@host', 'invalid-characters'],
  ['1,2', 'invalid-characters'],
  ['sips:alice@example.com', 'invalid-characters'],
  ['tel:+33123456789', 'invalid-characters'],
  ['++33', 'invalid-number'],
  ['++33123456789', 'invalid-number'],
  ['33+123', 'invalid-number'],
  ['+', 'invalid-number'],
  ['+*21', 'invalid-number'],
  ['1', 'invalid-number'],
  ['()', 'invalid-number'],
  ['---', 'invalid-number'],
  ['*#', 'invalid-number'],
  ['12#3', 'invalid-number'],
  ['+999 123', 'invalid-number'], // unknown country code
  ['+33 12', 'invalid-number'], // impossible length for France
  ['00', 'invalid-number'],
  ['1'.repeat(33), 'too-long'],
  ['1'.repeat(100), 'too-long'],
  ['+33 ' + '1 '.repeat(40), 'too-long'],
  ['x'.repeat(300), 'too-long'],
  ['a'.repeat(100), 'invalid-characters'],
  ['sip:', 'invalid-number'],
  ['sip:alice', 'invalid-number'],
  ['sip:@host', 'invalid-number'],
  ['sip:alice@', 'invalid-number'],
  ['sip:al ice@host', 'invalid-characters'],
  ['sip:alice!@host', 'invalid-characters'],
  ['sip:alice@ho st', 'invalid-characters'],
  ['sip:alice@host;transport=tcp', 'invalid-characters'],
  ['sip:alice@a@b', 'invalid-characters'],
  ['sip:alice@-host.com', 'invalid-number'],
  ['sip:alice@host..com', 'invalid-number'],
  ['sip:alice@1.2.3', 'invalid-number'],
  ['sip:alice@256.1.1.1', 'invalid-number'],
  ['sip:alice@host:0', 'invalid-number'],
  ['sip:alice@host:70000', 'invalid-number'],
  ['sip:alice@host:', 'invalid-number'],
  ['sip:' + 'a'.repeat(65) + '@host', 'too-long'],
  ['sip:' + '1'.repeat(33) + '@host', 'too-long'],
];

describe('parseDialTarget', () => {
  it.each(accepted)('accepts %j', (input, kind, target, display, canonical) => {
    expect(parseDialTarget(input)).toEqual({
      ok: true,
      kind,
      target,
      display,
      canonical: canonical ?? canonicalOf(target),
    });
  });

  it.each(refused)('refuses %j as %s', (input, reason) => {
    expect(parseDialTarget(input)).toEqual({ ok: false, reason });
  });

  it('uses defaultRegion for national numbers of 9+ digits', () => {
    expect(parseDialTarget('01 23 45 67 89', { defaultRegion: 'FR' })).toEqual({
      ok: true,
      kind: 'external',
      target: '+33123456789',
      display: '+33 1 23 45 67 89',
      canonical: '+33123456789',
    });
    expect(parseDialTarget('06.12.34.56.78', { defaultRegion: 'FR' })).toMatchObject({ target: '+33612345678' });
    expect(parseDialTarget('020 7946 0958', { defaultRegion: 'GB' })).toMatchObject({ target: '+442079460958' });
    // Short inputs stay internal whatever the region; + numbers ignore it.
    expect(parseDialTarget('101', { defaultRegion: 'FR' })).toMatchObject({ kind: 'internal', target: '101' });
    expect(parseDialTarget('+44 20 7946 0958', { defaultRegion: 'FR' })).toMatchObject({ target: '+442079460958' });
    // Impossible for the region.
    expect(parseDialTarget('0 1234 5678 9012 3', { defaultRegion: 'FR' })).toEqual({
      ok: false,
      reason: 'invalid-number',
    });
  });

  it('gives the same canonical form for different spellings', () => {
    const spellings = ['+33 1 23 45 67 89', '0033123456789', '+33 (0)1 23.45.67.89'];
    const canon = spellings.map((s) => {
      const r = parseDialTarget(s);
      return r.ok ? r.canonical : r.reason;
    });
    expect(new Set(canon)).toEqual(new Set(['+33123456789']));
  });
});

/** canonical = unescaped target for phone kinds, the URI itself for sip-uri. */
function canonicalOf(target: string): string {
  return target.replaceAll('%23', '#');
}
