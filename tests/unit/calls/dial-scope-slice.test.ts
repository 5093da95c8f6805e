/** The calls slice's "internal or external?" question (SPEC C5): asked on `ambiguous-number`, answered by a second dial. */
import { describe, expect, it } from 'vitest';
import type { InvokePayload } from '../../../src-preload/contract/ipc-contract';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import { flush } from '../../support/renderer/fake-uc';
import { registeredFakeUc } from '../../support/renderer/registered-fake-uc';
import { FakeTime } from '../../support/renderer/store-harness';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };

async function setup() {
  const dials: unknown[] = [];
  const uc = registeredFakeUc().handle('calls.dial', (p) => {
    dials.push(p);
    return p.scope === undefined && p.target.replace(/\s/g, '') === '32123456'
      ? { ok: false, error: { code: 'ambiguous-number', message: 'ask', details: ['32123456'] } }
      : { ok: true, value: { callId: 'c1' } };
  });
  const store = createAppStore(uc, 'en', new FakeTime());
  connectAppStore(store, uc, always);
  await flush();
  return { store, dials };
}

describe('dial scope question', () => {
  it('an ambiguous number opens the question (no error shown); External dials again with that scope', async () => {
    const { store, dials } = await setup();
    expect(await store.getState().dial('3212 3456', 'Shop')).toBe(false);
    expect(store.getState().dialScopeQuestion).toEqual({ target: '3212 3456', number: '32123456', name: 'Shop' });
    expect(store.getState().dialError).toBeNull();
    expect(await store.getState().answerDialScope('external')).toBe(true);
    expect(store.getState().dialScopeQuestion).toBeNull();
    expect(dials).toEqual([
      { target: '3212 3456', name: 'Shop' },
      { target: '3212 3456', name: 'Shop', scope: 'external' },
    ] satisfies InvokePayload<'calls.dial'>[]);
  });

  it('Cancel dials nothing; an unambiguous number asks nothing', async () => {
    const { store, dials } = await setup();
    await store.getState().dial('32123456');
    expect(await store.getState().answerDialScope(null)).toBe(false);
    expect(store.getState().dialScopeQuestion).toBeNull();
    expect(await store.getState().dial('101')).toBe(true);
    expect(store.getState().dialScopeQuestion).toBeNull();
    expect(dials).toEqual([{ target: '32123456' }, { target: '101' }]);
  });
});
