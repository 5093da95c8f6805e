import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../../src-preload/contract/platform';
import { voicemailPinStateSchema } from '../../../src-preload/contract/voicemail';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

// The voicemail PIN (issue #16, SPEC H4) against a real UC server on SQLite: PUT /me/voicemail-pin
// refuses each rule broken and a wrong or missing current PIN, stores only a scrypt hash, and one
// user's PIN is not another's.

describe('voicemail PIN (/me/voicemail-pin)', () => {
  let stack: UcStack;
  let alice: string;
  let bruno: string;

  const put = (token: string, body: unknown) =>
    fetch(`${stack.apiUrl}/me/voicemail-pin`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const isSet = async (token: string) =>
    voicemailPinStateSchema.parse(
      await (await fetch(`${stack.apiUrl}/me/voicemail-pin`, { headers: { authorization: `Bearer ${token}` } })).json(),
    ).isSet;
  const pinHash = async (number: string) =>
    (
      await stack
        .ctx!.db.selectFrom('accounts')
        .select('voicemail_pin_hash')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).voicemail_pin_hash;

  async function expectRefused(res: Response, code: string, rules?: string[]): Promise<void> {
    expect(res.status).toBe(400);
    const error = apiErrorSchema.parse(await res.json());
    expect(error.error).toBe(code);
    if (rules) expect(error.rules).toEqual(rules);
  }

  beforeAll(async () => {
    stack = await startUcStack({ database: 'sqlite', withKamailio: false });
    alice = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    bruno = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses anonymous callers', async () => {
    const res = await fetch(`${stack.apiUrl}/me/voicemail-pin`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ newPin: '294710' }),
    });
    expect(res.status).toBe(401);
  });

  it('refuses each broken rule for a first PIN, storing nothing', async () => {
    expect(await isSet(alice)).toBe(false);
    const cases: [string, string[]][] = [
      ['12345', ['six-digits', 'not-a-run']],
      ['1234567', ['six-digits', 'not-a-run']],
      ['12a456', ['six-digits', 'not-all-same', 'not-a-run']],
      ['', ['six-digits', 'not-all-same', 'not-a-run']],
      ['444444', ['not-all-same']],
      ['123456', ['not-a-run']],
      ['654321', ['not-a-run']],
      ['890123', ['not-a-run']],
    ];
    for (const [pin, rules] of cases) await expectRefused(await put(alice, { newPin: pin }), 'weak-pin', rules);
    expect(await isSet(alice)).toBe(false);
    expect(await pinHash('100')).toBeNull();
  });

  it('sets a first PIN without a current one, stored as a scrypt hash', async () => {
    const res = await put(alice, { newPin: '294710' });
    expect(res.status).toBe(200);
    expect(voicemailPinStateSchema.parse(await res.json())).toEqual({ isSet: true });
    const hash = await pinHash('100');
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain('294710');
    expect(await isSet(alice)).toBe(true);
    expect(await isSet(bruno)).toBe(false);
  });

  it('requires the right current PIN to change it', async () => {
    const stored = await pinHash('100');
    await expectRefused(await put(alice, { newPin: '385021' }), 'wrong-current-pin');
    await expectRefused(await put(alice, { currentPin: '294711', newPin: '385021' }), 'wrong-current-pin');
    // Bruno's own (absent) PIN says nothing about Alice's: his first PIN is his
    expect((await put(bruno, { newPin: '385021' })).status).toBe(200);
    expect(await pinHash('100')).toBe(stored);
    // the right current PIN but a bad new one: still refused by the rules
    await expectRefused(await put(alice, { currentPin: '294710', newPin: '987654' }), 'weak-pin', ['not-a-run']);
    expect(await pinHash('100')).toBe(stored);
    const res = await put(alice, { currentPin: '294710', newPin: '385021' });
    expect(res.status).toBe(200);
    expect(await pinHash('100')).not.toBe(stored);
    // the old PIN no longer works as the current one
    await expectRefused(await put(alice, { currentPin: '294710', newPin: '472913' }), 'wrong-current-pin');
  });

  it('throttles guesses of the current PIN: after three wrong ones, 429 with Retry-After, even for the right one', async () => {
    // one wrong guess is already counted by the test above
    await expectRefused(await put(alice, { currentPin: '000001', newPin: '472913' }), 'wrong-current-pin');
    await expectRefused(await put(alice, { currentPin: '000002', newPin: '472913' }), 'wrong-current-pin');
    const stored = await pinHash('100');
    const res = await put(alice, { currentPin: '385021', newPin: '472913' });
    expect(res.status).toBe(429);
    expect(apiErrorSchema.parse(await res.json()).error).toBe('too-many-attempts');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await pinHash('100')).toBe(stored);
  });
});
