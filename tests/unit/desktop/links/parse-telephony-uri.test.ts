import { describe, expect, it } from 'vitest';
import { parseDialTarget } from '../../../../src-preload/contract/calls/dial-target';
import {
  MAX_TELEPHONY_URI_LENGTH,
  messageFor,
  parseTelephonyUri,
  TELEPHONY_URI_ERRORS,
  type TelephonyUriError,
} from '../../../../src-main/core/features/desktop/links/parse-telephony-uri';

describe('parseTelephonyUri — tel: (RFC 3966 examples and grammar)', () => {
  it.each([
    // [uri, number, display]
    ['tel:+1-201-555-0123', '+12015550123', '+1 201 555 0123'],
    ['tel:+1(201)555.0123', '+12015550123', '+1 201 555 0123'],
    ['TEL:+33123456789', '+33123456789', '+33 1 23 45 67 89'],
    ['tel:7042;phone-context=example.com', '7042', '7042'],
    ['tel:7042;phone-context=example.com.', '7042', '7042'],
    ['tel:+358-555-1234567;postd=pp22', '+3585551234567', '+358 5 551234567'],
    ['tel:*21#;phone-context=pbx.example.org', '*21#', '*21#'],
  ])('accepts %s', (uri, number, display) => {
    const result = parseTelephonyUri(uri);
    expect(result).toMatchObject({ ok: true, scheme: 'tel', number, display, raw: uri });
    // The number is what calls.dial parses again: it must round-trip.
    if (result.ok) expect(parseDialTarget(result.number)).toMatchObject({ ok: true, canonical: number });
  });

  it('tel:863-1234;phone-context=+1-914-555 (RFC 3966 §6): context prefix when possible, else local digits', () => {
    // +1 914 555 863 1234 has 14 digits: not a possible NANP number, so the local digits are dialed.
    expect(parseTelephonyUri('tel:863-1234;phone-context=+1-914-555')).toMatchObject({
      ok: true,
      number: '8631234',
      phoneContext: '+1-914-555',
    });
    // Here the prefix makes a possible French number.
    expect(parseTelephonyUri('tel:1-23-45-67-89;phone-context=+33')).toMatchObject({
      ok: true,
      number: '+33123456789',
      kind: 'external',
    });
  });

  it('returns ;ext= and ;isub= (case-insensitive names, isub percent-decoded)', () => {
    expect(parseTelephonyUri('tel:+1-201-555-0123;ext=1234')).toMatchObject({
      ok: true,
      number: '+12015550123',
      extension: '1234',
    });
    expect(parseTelephonyUri('tel:+1-201-555-0123;EXT=12-34')).toMatchObject({ ok: true, extension: '1234' });
    expect(parseTelephonyUri('tel:+1-201-555-0123;isub=%41b12')).toMatchObject({ ok: true, isdnSubaddress: 'Ab12' });
    expect(parseTelephonyUri('tel:+1-201-555-0123;ext=5;isub=x;foo=bar;flag')).toMatchObject({
      ok: true,
      extension: '5',
      isdnSubaddress: 'x',
    });
  });

  it.each<[string, TelephonyUriError]>([
    ['tel:', 'invalid-number'],
    ['tel:+', 'invalid-number'],
    ['tel:+-', 'invalid-number'],
    ['tel:+1 201 555 0123', 'whitespace'],
    ['tel:+1%20201', 'invalid-number'],
    ['tel:+1/201', 'invalid-number'],
    ['tel:++12015550123', 'invalid-number'],
    ['tel:1234', 'missing-phone-context'],
    ['tel:7042;ext=1', 'missing-phone-context'],
    ['tel:7042;phone-context=', 'invalid-phone-context'],
    ['tel:7042;phone-context', 'invalid-phone-context'],
    ['tel:7042;phone-context=-example.com', 'invalid-phone-context'],
    ['tel:7042;phone-context=example.1com', 'invalid-phone-context'],
    ['tel:7042;phone-context=+', 'invalid-phone-context'],
    ['tel:7042;phone-context=a.com;phone-context=b.com', 'duplicate-parameter'],
    ['tel:+12015550123;phone-context=+1', 'invalid-phone-context'],
    ['tel:+12015550123;ext=', 'invalid-extension'],
    ['tel:+12015550123;ext=12a', 'invalid-extension'],
    ['tel:+12015550123;ext=--', 'invalid-extension'],
    ['tel:+12015550123;ext=1;ext=2', 'duplicate-parameter'],
    ['tel:+12015550123;isub=', 'invalid-isdn-subaddress'],
    ['tel:+12015550123;isub=a;isub=b', 'duplicate-parameter'],
    ['tel:+12015550123;isub=%0a', 'invalid-percent-encoding'],
    ['tel:+12015550123;isub=%zz', 'invalid-isdn-subaddress'],
    ['tel:+12015550123;foo=%00', 'invalid-percent-encoding'],
    ['tel:+12015550123;foo=%2', 'invalid-percent-encoding'],
    ['tel:+12015550123;foo=a"b', 'invalid-parameter'],
    ['tel:+12015550123;', 'invalid-parameter'],
    ['tel:+12015550123;;ext=1', 'invalid-parameter'],
    ['tel:+12015550123;=1', 'invalid-parameter'],
    ['tel:+12015550123;fo_o=1', 'invalid-parameter'],
    ['tel:+12015550123?x=1', 'invalid-number'],
    ['tel:ABC;phone-context=example.com', 'not-dialable'],
    ['tel:+1', 'not-dialable'],
    ['tel:+999999999999999999999999999999999999', 'too-long'],
  ])('refuses %s (%s)', (uri, reason) => {
    expect(parseTelephonyUri(uri)).toMatchObject({ ok: false, reason });
  });
});

describe('parseTelephonyUri — callto:', () => {
  it.each([
    ['callto:+49-89-7007-98765', '+4989700798765'],
    ['callto://+4989700798765', '+4989700798765'],
    ['CALLTO:101', '101'],
    ['callto://101', '101'],
    ['callto:*21#', '*21#'],
  ])('accepts %s', (uri, number) => {
    expect(parseTelephonyUri(uri)).toMatchObject({ ok: true, scheme: 'callto', number });
  });

  it.each([
    'callto:echo123',
    'callto://echo123',
    'callto:alice@example.com',
    'callto:+4989;ext=1',
    'callto:+49%2089',
    'callto:///+4989700798765',
    'callto://+4989700798765/',
    'callto:',
  ])('refuses %s', (uri) => {
    expect(parseTelephonyUri(uri)).toMatchObject({ ok: false, reason: 'unsupported-callto-form' });
  });
});

describe('parseTelephonyUri — sip: and sips:', () => {
  it.each([
    ['sip:alice@example.com', 'sip:alice@example.com', 'sip'],
    ['SIP:Alice@Example.COM', 'sip:Alice@example.com', 'sip'],
    ['sip:101@pbx.example.org:5061', 'sip:101@pbx.example.org:5061', 'sip'],
    ['sip:+4989700798765@10.0.0.1;user=phone', 'sip:+4989700798765@10.0.0.1', 'sip'],
    ['sips:bob@example.com;transport=tls', 'sip:bob@example.com', 'sips'],
  ])('accepts %s', (uri, number, scheme) => {
    expect(parseTelephonyUri(uri)).toMatchObject({ ok: true, scheme, number, kind: 'sip-uri' });
  });

  it.each<[string, TelephonyUriError]>([
    ['sip:alice@example.com?Subject=hi', 'sip-headers-not-allowed'],
    ['sip:alice@example.com;x=%0d%0aVia:%20evil', 'invalid-percent-encoding'],
    ['sip:alice@example.com;x=%e2%80%ae', 'invalid-percent-encoding'],
    ['sip:alice@example.com;', 'invalid-parameter'],
    ['sip:alice@example.com;a"b', 'invalid-parameter'],
    ['sip:example.com', 'invalid-sip-user'],
    ['sip:@example.com', 'invalid-sip-user'],
    ['sip:alice:secret@example.com', 'invalid-sip-user'],
    ['sip:al%69ce@example.com', 'invalid-sip-user'],
    ['sip:alice@', 'invalid-sip-host'],
    ['sip:alice@[::1]', 'invalid-sip-host'],
    ['sip:alice@exa_mple.com', 'invalid-sip-host'],
    ['sip:alice@example.1com', 'invalid-sip-host'],
    ['sip:alice@256.1.1.1', 'invalid-sip-host'],
    ['sip:alice@-example.com', 'invalid-sip-host'],
    ['sip:alice@example.com:0', 'invalid-port'],
    ['sip:alice@example.com:70000', 'invalid-port'],
    ['sip:alice@example.com:abc', 'invalid-port'],
  ])('refuses %s (%s)', (uri, reason) => {
    expect(parseTelephonyUri(uri)).toMatchObject({ ok: false, reason });
  });
});

describe('parseTelephonyUri — hostile input', () => {
  it.each<[unknown, TelephonyUriError]>([
    ['', 'empty'],
    [undefined, 'empty'],
    [42, 'empty'],
    [`tel:+1${'0'.repeat(MAX_TELEPHONY_URI_LENGTH)}`, 'too-long'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['file:///etc/passwd', 'unsupported-scheme'],
    ['http://example.com/tel:+12015550123', 'unsupported-scheme'],
    ['+12015550123', 'unsupported-scheme'],
    ['tel+12015550123', 'unsupported-scheme'],
    ['--gpu-launcher=cmd', 'switch-like'],
    ['-tel:+12015550123', 'switch-like'],
    ['tel:+12015550123\n', 'control-characters'],
    ['tel:+1201\u00005550123', 'control-characters'],
    ['tel:+1201\u200b5550123', 'control-characters'],
    ['tel:+1201\u202e5550123', 'control-characters'],
    ['tel:+1201\u20285550123', 'control-characters'],
    ['tel:+1201\u007f5550123', 'control-characters'],
    [' tel:+12015550123', 'whitespace'],
    ['tel:+1201\u00a05550123', 'whitespace'],
    ['tel:+1201\u30005550123', 'whitespace'],
    ['tel:+１２０１５５５０１２３', 'invalid-characters'],
    ['tel:+12015550123"', 'invalid-number'],
    ['tel:+12015550123 --gpu-launcher="cmd /c calc"', 'whitespace'],
  ])('refuses %j (%s)', (input, reason) => {
    const result = parseTelephonyUri(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
  });

  it('has an English message for every reason', () => {
    for (const reason of TELEPHONY_URI_ERRORS) expect(messageFor(reason)).toMatch(/^[A-Za-z].+\.$/);
    expect(new Set(TELEPHONY_URI_ERRORS).size).toBe(TELEPHONY_URI_ERRORS.length);
  });
});
