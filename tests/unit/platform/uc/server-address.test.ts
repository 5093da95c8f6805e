import { describe, expect, it } from 'vitest';
import { DEFAULT_UC_PORT, parseServerAddress } from '../../../../src-main/core/platform/uc/server-address';

describe('parseServerAddress (UC server on the login screen)', () => {
  it('uses the documented default port 8802', () => {
    expect(DEFAULT_UC_PORT).toBe(8802);
  });

  it.each([
    // host[:port] means HTTPS (issue 10: the server serves nothing else)
    ['127.0.0.1', 'https://127.0.0.1:8802', '127.0.0.1'],
    ['127.0.0.1:9000', 'https://127.0.0.1:9000', '127.0.0.1'],
    ['  uc.example.com:5066 ', 'https://uc.example.com:5066', 'uc.example.com'],
    ['uc.example.com', 'https://uc.example.com:8802', 'uc.example.com'],
    // explicit cleartext is allowed to the loopback only
    ['http://127.0.0.1:8802', 'http://127.0.0.1:8802', '127.0.0.1'],
    ['http://127.1.2.3:8802', 'http://127.1.2.3:8802', '127.1.2.3'],
    ['http://localhost:8802', 'http://localhost:8802', 'localhost'],
    ['http://[::1]:8802', 'http://[::1]:8802', '::1'],
    ['https://uc.example.com', 'https://uc.example.com', 'uc.example.com'],
    ['HTTPS://UC.example.com:8443/switchboard/', 'https://uc.example.com:8443/switchboard', 'uc.example.com'],
    ['[::1]:8802', 'https://[::1]:8802', '::1'],
    ['[::1]', 'https://[::1]:8802', '::1'],
  ])('%s -> %s (%s)', (input, origin, host) => {
    const eventsUrl = `${origin.replace(/^http/, 'ws')}/api/v1/events`;
    expect(parseServerAddress(input)).toEqual({ ok: true, origin, apiUrl: `${origin}/api/v1`, eventsUrl, host });
  });

  it.each([
    'http://uc.example.com:8802',
    'http://192.168.1.10:8802',
    'http://10.0.0.1',
    'HTTP://UC.EXAMPLE.COM/switchboard',
    'http://[2001:db8::1]:8802',
    'http://128.0.0.1:8802',
    'http://localhost.example.com',
  ])('cleartext provisioning refused: %j (http:// to the network)', (input) => {
    const r = parseServerAddress(input);
    expect(r).toMatchObject({ ok: false, cleartext: true });
    if (!r.ok) expect(r.message).toMatch(/clear text.*https:\/\//);
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
