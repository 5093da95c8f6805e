/**
 * GET/PUT /me/forwarding of the real UC server (SPEC J3, B2): authenticated,
 * the caller's own rules only, every rule validated with a clear message and
 * nothing stored when refused, the `forwarding-changed` live event to the
 * account's own connections only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultForwardingRules,
  forwardingDocumentSchema,
  type ForwardingRules,
} from '../../../src-preload/contract/forwarding';
import { apiErrorSchema } from '../../../src-preload/contract/platform';
import { loginAccessToken } from '../../support/login-access-token';
import { openLiveEvents } from '../../support/open-live-events';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

describe('forwarding API', () => {
  let stack: UcStack;
  let alice: string;
  let bruno: string;

  const call = (method: string, token: string | undefined, body?: unknown) =>
    fetch(`${stack.apiUrl}/me/forwarding`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  const valid = (): ForwardingRules => {
    const rules = defaultForwardingRules('Europe/Paris');
    rules.immediate = {
      enabled: true,
      target: { kind: 'number', number: '+33612345678' },
      window: { days: [1, 2, 3, 4, 5], start: '18:00', end: '08:00' },
    };
    rules.noAnswer = { enabled: true, target: { kind: 'voicemail' }, seconds: 25 };
    rules.byStatus.vacation = { kind: 'mobile' };
    return rules;
  };

  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false });
    alice = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    bruno = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses anonymous callers', async () => {
    expect((await call('GET', undefined)).status).toBe(401);
    expect((await call('PUT', undefined, valid())).status).toBe(401);
  });

  it('answers rules null before anything is set', async () => {
    const res = await call('GET', alice);
    expect(res.status).toBe(200);
    expect(forwardingDocumentSchema.parse(await res.json())).toEqual({ rules: null, updatedAt: 0 });
  });

  it('stores the rules, reads them back, and tells only the owner’s connections', async () => {
    const aliceLive = await openLiveEvents(stack.apiUrl, alice);
    const brunoLive = await openLiveEvents(stack.apiUrl, bruno);
    try {
      const put = await call('PUT', alice, valid());
      expect(put.status).toBe(200);
      const stored = forwardingDocumentSchema.parse(await put.json());
      expect(stored.rules).toEqual(valid());
      expect(stored.updatedAt).toBeGreaterThan(0);
      expect(forwardingDocumentSchema.parse(await (await call('GET', alice)).json())).toEqual(stored);
      await until('forwarding-changed', () => aliceLive.events.some((e) => e.type === 'forwarding-changed'), 5_000);
      // Bruno sees neither Alice's rules nor her change
      expect(forwardingDocumentSchema.parse(await (await call('GET', bruno)).json()).rules).toBeNull();
      expect(brunoLive.events.some((e) => e.type === 'forwarding-changed')).toBe(false);
    } finally {
      aliceLive.close();
      brunoLive.close();
    }
  });

  it.each([
    ['a no-answer delay under 10 s', (r: ForwardingRules) => (r.noAnswer.seconds = 5), 'noAnswer.seconds'],
    ['a no-answer delay over 90 s', (r: ForwardingRules) => (r.noAnswer.seconds = 91), 'noAnswer.seconds'],
    ['an unknown time zone', (r: ForwardingRules) => (r.timeZone = 'Mars/Olympus'), 'timeZone'],
    [
      'a window that starts when it ends',
      (r: ForwardingRules) => (r.immediate.window = { days: [1], start: '09:00', end: '09:00' }),
      'immediate.window',
    ],
    [
      'simultaneous ring without a number',
      (r: ForwardingRules) => (r.alsoRing = { enabled: true, number: '' }),
      'alsoRing',
    ],
    [
      'a number with letters and spaces',
      (r: ForwardingRules) => (r.busy.target = { kind: 'number', number: '06 12 34' }),
      'busy.target',
    ],
  ])('refuses %s with a clear message and keeps what was stored', async (_what, spoil, where) => {
    const before = await (await call('GET', alice)).json();
    const rules = valid();
    spoil(rules);
    const res = await call('PUT', alice, rules);
    expect(res.status).toBe(400);
    const body = apiErrorSchema.parse(await res.json());
    expect(body.error).toBe('invalid-request');
    expect(body.message).toContain(where.split('.')[0]);
    expect(await (await call('GET', alice)).json()).toEqual(before);
  });
});
