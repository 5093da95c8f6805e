import { describe, expect, it } from 'vitest';
import { requestKamailioPickup } from '../../../server/src/features/pickup';

/** A fetch that records the request and answers `status` with `body`. */
function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    seen.url = String(url);
    if (init !== undefined) seen.init = init;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('requestKamailioPickup (SPEC D3)', () => {
  const base = { kamailioHttpUrl: 'http://127.0.0.1:8080', secret: 'abc' };

  it('POSTs /pickup/<callee>/<picker> with the JSON-RPC secret and reads the Call-ID', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const result = await requestKamailioPickup(
      { ...base, fetch: fakeFetch(200, { callId: 'a1b2@host', caller: '100' }, seen) },
      '101',
      '102',
    );
    expect(result).toEqual({ status: 'picked', sipCallId: 'a1b2@host' });
    expect(seen.url).toBe('http://127.0.0.1:8080/pickup/101/102');
    expect(seen.init?.method).toBe('POST');
    expect(seen.init?.headers).toEqual({ 'x-rpc-secret': 'abc' });
  });

  it.each([
    [409, { error: 'not-ringing' }, { status: 'not-ringing' }],
    [480, { error: 'not-registered' }, { status: 'not-registered' }],
    [403, {}, { status: 'unavailable', detail: 'Kamailio answered HTTP 403' }],
    [200, { nope: true }, { status: 'unavailable', detail: 'Kamailio answered HTTP 200' }],
  ])('maps HTTP %i %j', async (status, body, expected) => {
    expect(await requestKamailioPickup({ ...base, fetch: fakeFetch(status, body) }, '101', '102')).toEqual(expected);
  });

  it('is unavailable when Kamailio cannot be reached', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await requestKamailioPickup({ ...base, fetch: refused }, '101', '102')).toEqual({
      status: 'unavailable',
      detail: 'fetch failed',
    });
  });
});
