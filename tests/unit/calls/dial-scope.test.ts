/**
 * "Internal or external?" (SPEC C5, issue #16 item 7): the rule (contract `dial-scope.ts`) and the
 * engine's `calls.dial` with the server's dial plan from the provisioning.
 */
import { describe, expect, it } from 'vitest';
import {
  dialStringFor,
  isAmbiguousDialTarget,
  type ProvisionedDialPlan,
} from '../../../src-preload/contract/calls/dial-scope';
import { parseDialTarget, type DialTarget } from '../../../src-preload/contract/calls/dial-target';
import { useAppCoreFixture } from '../../support/app-core-harness';

const target = (input: string): DialTarget => {
  const parsed = parseDialTarget(input);
  if (!parsed.ok) throw new Error(`not dialable: ${input}`);
  return parsed;
};

/** Denmark: national numbers have 8 digits, the length of an extension too. */
const dk: ProvisionedDialPlan = { outsidePrefix: '0', country: 'DK' };

describe('isAmbiguousDialTarget', () => {
  it.each([
    // an extension by its shape and a valid Danish number: ask
    ['32123456', dk, true],
    ['3212 3456', dk, true],
    // not a valid number there: an extension
    ['101', dk, false],
    ['12345678', dk, false],
    // already with the outside prefix: the user said external
    ['032123456', dk, false],
    // service codes, E.164, SIP URIs, national numbers of 9+ digits: never
    ['*21#', dk, false],
    ['+4532123456', dk, false],
    ['sip:alice@example.com', dk, false],
    // France: national numbers have 9+ digits, no extension can be one
    ['61234567', { outsidePrefix: '0', country: 'FR' }, false],
    // no outside prefix, no country, no dial plan (an older server): nothing to ask
    ['32123456', { outsidePrefix: '', country: 'DK' }, false],
    ['32123456', { outsidePrefix: '0' }, false],
    ['32123456', undefined, false],
  ] as const)('%s with %j → %s', (input, plan, expected) => {
    expect(isAmbiguousDialTarget(target(input), plan)).toBe(expected);
  });

  it('an emergency number of the dial plan is never asked about', () => {
    const plan: ProvisionedDialPlan = { outsidePrefix: '9', country: 'DK' };
    expect(isAmbiguousDialTarget(target('32123456'), plan, ['112', '32123456'])).toBe(false);
  });

  it('the external answer puts the outside prefix first; internal keeps the number', () => {
    expect(dialStringFor('32123456', 'external', dk)).toBe('032123456');
    expect(dialStringFor('32123456', 'internal', dk)).toBe('32123456');
  });
});

describe('calls.dial with the server dial plan', () => {
  const fx = useAppCoreFixture();
  const { invoke, engine, login } = fx;

  it('asks for an ambiguous number (nothing dialed), then dials it as internal or external', async () => {
    fx.uc.provisioning = { ...fx.uc.provisioning, dialPlan: dk };
    await login();
    const asked = await invoke('calls.dial', { target: '3212 3456' });
    expect(asked.ok === false && asked.error).toMatchObject({ code: 'ambiguous-number', details: ['32123456'] });
    expect(engine().dialed).toEqual([]);
    expect((await invoke('calls.dial', { target: '3212 3456', scope: 'internal' })).ok).toBe(true);
    expect((await invoke('calls.dial', { target: '3212 3456', scope: 'external' })).ok).toBe(true);
    // unambiguous numbers go at once, a scope changes nothing for them
    expect((await invoke('calls.dial', { target: '101' })).ok).toBe(true);
    expect((await invoke('calls.dial', { target: '101', scope: 'external' })).ok).toBe(true);
    expect(engine().dialed).toEqual(['32123456', '032123456', '101', '101']);
  });

  it('a server without a dial plan in the provisioning: dialed at once', async () => {
    await login();
    expect((await invoke('calls.dial', { target: '32123456' })).ok).toBe(true);
    expect(engine().dialed).toEqual(['32123456']);
  });
});
