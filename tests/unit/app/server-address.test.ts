import { describe, expect, it } from 'vitest';
import { parseServerAddress } from '../../../src-main/core/app/server-address';

describe('parseServerAddress', () => {
  it.each([
    ['127.0.0.1:8080', 'ws://127.0.0.1:8080', '127.0.0.1'],
    ['  pbx.example.com:5066 ', 'ws://pbx.example.com:5066', 'pbx.example.com'],
    ['pbx.example.com', 'ws://pbx.example.com:8080', 'pbx.example.com'],
    ['ws://127.0.0.1:8080', 'ws://127.0.0.1:8080', '127.0.0.1'],
    ['wss://sip.example.com/ws', 'wss://sip.example.com/ws', 'sip.example.com'],
    ['WSS://SIP.example.com:8443', 'wss://sip.example.com:8443', 'sip.example.com'],
    ['[::1]:8080', 'ws://[::1]:8080', '::1'],
  ])('%s -> %s (%s)', (input, wsUrl, domain) => {
    expect(parseServerAddress(input)).toEqual({ ok: true, wsUrl, domain });
  });

  it.each([
    '',
    '   ',
    'http://example.com',
    'ftp://x',
    'ws://user:pw@host:8080',
    'ws://host:8080/?x=1',
    'host:99999',
    'host:0x10',
    'bad host',
    'exa_mple.com',
    '999.1.1.1',
    'host:80:90',
    'ws://',
    'a\nb',
  ])('rejects %j with a message', (input) => {
    const r = parseServerAddress(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(5);
  });
});
