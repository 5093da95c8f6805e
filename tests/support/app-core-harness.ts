/**
 * The engine unit tests' AppCore: composed like the app's (composeAppCore)
 * with a fake SIP engine, a fake media host, a manual clock and short
 * timeouts; every event it publishes is recorded. Used by the
 * `tests/unit/<domain>/app-core-*.test.ts` files.
 */
import { afterEach, beforeEach } from 'vitest';
import type { EventChannel, EventPayloads } from '../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../src-main/core/app/app-core';
import { composeAppCore, type AppCoreOptions } from '../../src-main/core/app/compose-app-core';
import type { RegistrationState, SipEngineOptions } from '../../src-main/core/features/calls';
import { dispatchInvoke } from '../../src-main/core/platform/ipc/dispatch-invoke';
import { MemorySecretStore } from '../../src-main/core/platform/secrets/memory-secret-store';
import { FakeMediaHost } from './fake-media-host';
import { FakeEngine } from './fake-phone';
import { FakeUcServer, type FakeUcServerOptions } from './fake-uc-server';
import { ManualClock } from './manual-clock';

/** One published event. */
export type Recorded = { channel: EventChannel; payload: unknown };

/** Stands in for the Electron keychain store: a memory store that claims to persist. */
export class PersistentTestSecretStore extends MemorySecretStore {
  override readonly persistent = true;
}

/** Lets pending I/O callbacks run once. */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Polls `cond` every 5 ms until it holds (or throws after `timeoutMs`). */
export async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The UC server accounts of these tests: 101 is ready, 102 must choose a new password first. */
export const TEST_ACCOUNTS: NonNullable<FakeUcServerOptions['accounts']> = [
  { number: '101', password: 'Welcome101!', displayName: 'Bob Dupont' },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Müller', mustChangePassword: true },
];

/** What the test core is built around (read when the core needs them). */
export interface TestCoreDeps {
  clock: ManualClock;
  media: FakeMediaHost;
  secrets: MemorySecretStore;
  /** every launch-at-startup change the shell was asked to apply */
  startupChanges: boolean[];
  /** every SIP engine the core created, the newest last */
  engines: FakeEngine[];
  /** how the next engine's start() ends (undefined: never by itself) */
  outcome: () => RegistrationState['status'] | undefined;
  /** where the core's events are recorded */
  events: () => Recorded[];
}

/** An AppCore over `deps` (in-memory data, no headsets, 3 s call linger, 2 s requests, fast backoff). */
export function makeTestCore(deps: TestCoreDeps, extra: Partial<AppCoreOptions> = {}): AppCore {
  const c = composeAppCore({
    dataDir: ':memory:',
    mediaHost: deps.media,
    headsetAdapters: [],
    clock: deps.clock,
    endedCallLingerMs: 3000,
    secretStore: deps.secrets,
    requestTimeoutMs: 2000,
    backoff: { baseMs: 100, capMs: 400, minMs: 100 },
    onLaunchAtStartupChange: (enabled) => deps.startupChanges.push(enabled),
    createEngine: (o: SipEngineOptions) => {
      const e = new FakeEngine(o, deps.clock, deps.outcome());
      deps.engines.push(e);
      return e;
    },
    ...extra,
  });
  c.onEvent(({ channel, payload }) => deps.events().push({ channel, payload }));
  return c;
}

/**
 * The state of one AppCore test, fresh for each test: the core over a fake
 * UC server with TEST_ACCOUNTS, and the deps it was built around. Fields are
 * reassignable (a test may set `outcome` or replace `core` with makeCore()).
 */
export interface AppCoreFixture {
  clock: ManualClock;
  media: FakeMediaHost;
  engines: FakeEngine[];
  /** how the next engine's start() ends */
  outcome: RegistrationState['status'] | undefined;
  core: AppCore;
  events: Recorded[];
  uc: FakeUcServer;
  secrets: PersistentTestSecretStore;
  startupChanges: boolean[];
  /** dispatchInvoke on the current core */
  invoke(channel: string, payload?: unknown): ReturnType<typeof dispatchInvoke>;
  /** the payloads published on `channel` so far */
  eventsOf<E extends EventChannel>(channel: E): EventPayloads[E][];
  /** the newest SIP engine */
  engine(): FakeEngine;
  /** session.login against the fake UC server (101 by default) */
  login(user?: string, password?: string, extra?: object): ReturnType<typeof dispatchInvoke>;
  /** another core over the same deps (e.g. a restart on the same secrets) */
  makeCore(extra?: Partial<AppCoreOptions>): AppCore;
}

/** Registers beforeEach/afterEach that build and dispose an AppCoreFixture; read it inside tests. */
export function useAppCoreFixture(): AppCoreFixture {
  const fx = {} as AppCoreFixture;
  Object.assign(fx, {
    invoke: (channel: string, payload: unknown = {}) => dispatchInvoke(fx.core, channel, payload),
    eventsOf: <E extends EventChannel>(channel: E): EventPayloads[E][] =>
      fx.events.filter((e) => e.channel === channel).map((e) => e.payload as EventPayloads[E]),
    engine: (): FakeEngine => fx.engines[fx.engines.length - 1]!,
    login: (user = '101', password = 'Welcome101!', extra: object = {}) =>
      fx.invoke('session.login', { server: fx.uc.address, user, password, ...extra }),
    makeCore: (extra: Partial<AppCoreOptions> = {}): AppCore =>
      makeTestCore(
        {
          clock: fx.clock,
          media: fx.media,
          secrets: fx.secrets,
          startupChanges: fx.startupChanges,
          engines: fx.engines,
          outcome: () => fx.outcome,
          events: () => fx.events,
        },
        extra,
      ),
  });
  beforeEach(async () => {
    fx.clock = new ManualClock();
    fx.media = new FakeMediaHost();
    fx.engines = [];
    fx.outcome = 'registered';
    fx.events = [];
    fx.secrets = new PersistentTestSecretStore();
    fx.startupChanges = [];
    fx.uc = new FakeUcServer({ accounts: TEST_ACCOUNTS });
    await fx.uc.start();
    fx.core = fx.makeCore();
  });
  afterEach(async () => {
    await fx.core.dispose();
    await fx.uc.stop();
  });
  return fx;
}
