/**
 * The call-history API on SQLite and PostgreSQL (issue #13), fed the way Kamailio feeds it: batches of
 * call events POSTed to /internal/call-events with the routing secret. Paging by revision (a revision
 * is never cut in two), the calls-changed event, a malformed event skipped while the rest of the batch
 * counts, each user's own records only, and an early pickup signal applied once the call's start arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallHistoryResponse } from '../../../src-preload/contract/calls';
import { routingSecretOf } from '../../../server/src/features/routing/call-routing';
import { until } from '../../support/app-core-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { openLiveEvents, type LiveEventsConnection } from '../../support/open-live-events';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const at = (ms: number) => ({ s: Math.floor(ms / 1000), u: (ms % 1000) * 1000 });
const start = (ci: string, from: string, to: string, ms: number, name = '') => ({
  e: 'start',
  ci: b64(ci),
  ...at(ms),
  from: b64(from),
  name: b64(name),
  ours: from.length <= 4 ? 1 : 0,
  to: b64(to),
  proto: 'ws',
  rb: '',
});

describe.each(['sqlite', 'postgres'] as const)('call-history API on %s', (database) => {
  let stack: UcStack;
  let token101: string;
  let token100: string;
  let events: LiveEventsConnection;

  const post = (body: unknown, secret = routingSecretOf(stack.ctx!.config)): Promise<Response> =>
    fetch(`${stack.apiUrl}/internal/call-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-uc-routing-secret': secret },
      body: JSON.stringify(body),
    });
  const history = async (token: string, since = 0, limit = 500): Promise<CallHistoryResponse> => {
    const res = await fetch(`${stack.apiUrl}/calls?since=${since}&limit=${limit}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as CallHistoryResponse;
  };

  beforeAll(async () => {
    stack = await startUcStack({ database, withKamailio: false });
    token100 = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    token101 = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
    events = await openLiveEvents(stack.apiUrl, token101);
  }, 90_000);

  afterAll(async () => {
    events?.close();
    await stack?.stop();
  });

  it('builds records from a batch, skips a malformed event, and tells the parties', async () => {
    const t = 1_795_000_000_000;
    const res = await post({
      events: [
        start('call-1@x', '100', '101', t),
        { e: 'answer', ci: b64('call-1@x'), ...at(t + 2000), proto: 'udp' },
        { e: 'nonsense', ci: 'x' },
        { e: 'bye', ci: b64('call-1@x'), ...at(t + 62_000), by: b64('101') },
        start('call-2@x', '+33612345678', '101', t + 100_000, '"Jean \\"Le\\" Client"'),
        { e: 'fail', ci: b64('call-2@x'), ...at(t + 110_000), code: 487, cancel: 1 },
      ],
    });
    expect(res.status).toBe(204);
    await until('calls-changed reaches 101', async () => events.events.some((e) => e.type === 'calls-changed'));
    const mine = (await history(token101)).calls;
    expect(mine.map((c) => [c.sipCallId, c.direction, c.peer, c.result, c.deviceKind, c.durationMs])).toEqual([
      ['call-1@x', 'in', '100', 'answered', 'sip-phone', 60_000],
      ['call-2@x', 'in', '+33612345678', 'missed', null, null],
    ]);
    expect(mine[1]).toMatchObject({ peerName: 'Jean "Le" Client', peerInternal: false, startedAt: t + 100_000 });
    // the caller sees its own side only
    expect((await history(token100)).calls.map((c) => [c.sipCallId, c.direction, c.result])).toEqual([
      ['call-1@x', 'out', 'answered'],
    ]);
  });

  it('pages by revision without cutting one in two', async () => {
    const t = 1_795_000_500_000;
    const batch = [];
    for (let i = 0; i < 6; i++) batch.push(start(`page-${i}@x`, '100', '101', t + i));
    expect((await post({ events: batch })).status).toBe(204);
    // one read mark = one revision over every record with 100
    await fetch(`${stack.apiUrl}/calls/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token101}`, 'content-type': 'application/json' },
      body: JSON.stringify({ peer: '100' }),
    });
    const all = await history(token101);
    let since = 0;
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      const page = await history(token101, since, 2);
      seen.push(...page.calls.map((c) => c.id));
      since = page.revision;
      if (!page.hasMore) break;
    }
    expect(new Set(seen)).toEqual(new Set(all.calls.map((c) => c.id)));
    expect(all.calls.filter((c) => c.peer === '100').every((c) => c.read)).toBe(true);
  });

  it('refuses a wrong secret; applies a pickup signalled before the start of its call', async () => {
    expect((await post({ events: [] }, 'f'.repeat(routingSecretOf(stack.ctx!.config).length))).status).toBe(401);
    const t = 1_795_001_000_000;
    const account101 = await stack
      .ctx!.db.selectFrom('accounts')
      .select('id')
      .where('number', '=', '101')
      .executeTakeFirstOrThrow();
    stack.ctx!.changes.signal(account101.id, { type: 'call-picked-up', sipCallId: 'early@x', by: '102' });
    await post({ events: [start('early@x', '100', '101', t)] });
    await until('the pickup is applied', async () =>
      (await history(token101)).calls.some((c) => c.sipCallId === 'early@x' && c.result === 'picked-up'),
    );
    expect((await history(token101)).calls.find((c) => c.sipCallId === 'early@x')?.via).toBe('102');
  });
});
