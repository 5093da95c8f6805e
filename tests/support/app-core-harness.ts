/**
 * The engine unit tests' AppCore: composed like the app's (composeAppCore)
 * with a fake SIP engine, a fake media host, a manual clock and short
 * timeouts; every event it publishes is recorded. Used by the
 * `tests/unit/<domain>/app-core-*.test.ts` files.
 */
import type { EventChannel } from '../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../src-main/core/app/app-core';
import { composeAppCore, type AppCoreOptions } from '../../src-main/core/app/compose-app-core';
import type { RegistrationState, SipEngineOptions } from '../../src-main/core/features/calls';
import { MemorySecretStore } from '../../src-main/core/platform/secrets/memory-secret-store';
import type { FakeMediaHost } from './fake-media-host';
import { FakeEngine } from './fake-phone';
import type { FakeUcServerOptions } from './fake-uc-server';
import type { ManualClock } from './manual-clock';

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
