import { describe, expect, it } from 'vitest';
import { DEFAULT_UC_PORT, parseServerAddress } from '../../../../src-main/core/platform/uc/server-address';

describe('parseServerAddress (UC server on the login screen)', () => {
  it('uses the documented default port 8802', () => {
    expect(DEFAULT_UC_PORT).toBe(8802);
  });

  it.each([
    ['127.0.0.1', 'http://127.0.0.1:8802', '127.0.0.1'],
    ['127.0.0.1:9000', 'http://127.0.0.1:9000', '127.0.0.1'],
    ['  uc.example.com:5066 ', 'http://uc.example.com:5066', 'uc.example.com'],
    ['uc.example.com', 'http://uc.example.com:8802', 'uc.example.com'],
    ['http://127.0.0.1:8802', 'http://127.0.0.1:8802', '127.0.0.1'],
    ['https://uc.example.com', 'https://uc.example.com', 'uc.example.com'],
    ['HTTPS://UC.example.com:8443/switchboard/', 'https://uc.example.com:8443/switchboard', 'uc.example.com'],
    ['[::1]:8802', 'http://[::1]:8802', '::1'],
    ['[::1]', 'http://[::1]:8802', '::1'],
  ])('%s -> %s (%s)', (input, origin, host) => {
    const eventsUrl = `${origin.replace(/^http/, 'ws')}/api/v1/events`;
    expect(parseServerAddress(input)).toEqual({ ok: true, origin, apiUrl: `${origin}/api/v1`, eventsUrl, host });
  });

  it.each([
    '',
    '   ',
    'ws://example.com',
    'ftp://x',
    'http://user:pw@host:8802',
    'http://host:8802/?x=1',
    'http://host#frag',
    'host:99999',
    'host:0',
    'host:0x10',
    'bad host',
    'exa_mple.com',
    '999.1.1.1',
    'host:80:90',
    'http://',
    'a\nb',
  ])('rejects %j with a message', (input) => {
    const r = parseServerAddress(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(5);
  });
});
