/**
 * An AppCore for integration tests of the UC-server side of the client
 * (directory sync, messages, presence): the real UC client, a fake SIP
 * engine that reports itself registered, and a fake media host.
 */
import type { AppCore } from '../../src-main/core/app/app-core';
import { composeAppCore, type AppCoreOptions } from '../../src-main/core/app/compose-app-core';
import { systemClock } from '../../src-main/core/platform/clock';
import { FakeEngine } from './fake-phone';
import { FakeMediaHost } from './fake-media-host';

/**
 * Builds (does not log in) an AppCore with short request timeouts and a fast
 * reconnect backoff, so that server stops and restarts are seen within a test.
 *
 * @param dataDir - the client's data folder, or `:memory:`
 * @param extra - further options (e.g. `headsetAdapters: []`), applied last
 */
export function createFakeSipCore(dataDir: string, extra: Partial<AppCoreOptions> = {}): AppCore {
  return composeAppCore({
    dataDir,
    mediaHost: new FakeMediaHost(),
    requestTimeoutMs: 3000,
    backoff: { baseMs: 200, capMs: 1000, minMs: 100 },
    createEngine: (o) => new FakeEngine(o, systemClock, 'registered'),
    ...extra,
  });
}
