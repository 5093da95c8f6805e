import { describe, expect, it } from 'vitest';
import { invokeSchemas, type InvokeChannel } from '../../../src-preload/contract/ipc-contract';
import { registryHandlers } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import type { Feature } from '../../../src-main/core/platform/feature';
import type { Handlers } from '../../../src-main/core/platform/ipc/uc-backend';
import { FakeMediaHost } from '../../support/fake-media-host';

/** A feature answering `channels` (with handlers that are never called). */
const featureFor = (name: string, channels: readonly string[]): Feature => ({
  name,
  handlers: Object.fromEntries(channels.map((c) => [c, () => undefined])) as Partial<Handlers>,
});

describe('the feature registry', () => {
  const all = Object.keys(invokeSchemas) as InvokeChannel[];

  it('takes every channel of the contract from exactly one feature', () => {
    const handlers = registryHandlers([featureFor('a', all.slice(0, 10)), featureFor('b', all.slice(10))], {});
    expect(Object.keys(handlers).sort()).toEqual([...all].sort());
  });

  it('refuses a channel answered twice', () => {
    expect(() => registryHandlers([featureFor('a', all), featureFor('b', [all[0]!])], {})).toThrow(
      `${all[0]} has two handlers (b)`,
    );
  });

  it('refuses a contract channel nobody answers', () => {
    expect(() => registryHandlers([featureFor('a', all.slice(1))], {})).toThrow(`no feature answers ${all[0]}`);
  });

  it('the composed core answers every channel', async () => {
    const core = composeAppCore({ dataDir: ':memory:', mediaHost: new FakeMediaHost(), headsetAdapters: [] });
    await core.dispose();
  });
});
