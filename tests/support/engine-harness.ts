/**
 * Helpers for integration tests that drive real {@link SipEngine}s against
 * the Kamailio fixture with werift media.
 */
import { SipEngine, type SipEngineOptions } from '../../src-main/core/features/calls/sip/sip-engine';
import type { KamailioFixture } from './kamailio-fixture';
import { WeriftMediaHost } from './werift-media-host';

/** Polls `check` every `intervalMs` until it returns true; throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean,
  timeoutMs = 10_000,
  intervalMs = 50,
  detail?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? ` (${detail()})` : ''}`);
    }
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One engine with its own werift media host, for demo user `number`. */
export interface TestPhone {
  engine: SipEngine;
  media: WeriftMediaHost;
  /** every SIP message this engine sent */
  sent: string[];
  dispose(): Promise<void>;
}

export function createPhone(
  k: Pick<KamailioFixture, 'wsUrl' | 'domain' | 'users'>,
  number: string,
  overrides: Partial<SipEngineOptions> = {},
  media: WeriftMediaHost = new WeriftMediaHost(),
): TestPhone {
  const user = k.users.find((u) => u.number === number);
  if (!user) throw new Error(`no demo user ${number}`);
  const sent: string[] = [];
  const engine = new SipEngine({
    wsUrl: k.wsUrl,
    domain: k.domain,
    user: user.number,
    password: user.password,
    displayName: user.displayName,
    mediaHost: media,
    iceServers: [],
    sipTrace: (m) => sent.push(m),
    sipLogLevel: process.env.SB_SIP_DEBUG ? 'debug' : 'warn',
    // Expected failures (server killed on purpose) log errors too: quiet unless asked.
    logger: (level, message) => {
      if (process.env.SB_SIP_DEBUG) console.error(`[${number}] ${level} ${message}`);
    },
    ...overrides,
  });
  return {
    engine,
    media,
    sent,
    async dispose() {
      await engine.stop();
      await media.dispose();
    },
  };
}

/** Number of REGISTER requests among `sent` messages. */
export function registerCount(sent: readonly string[]): number {
  return sent.filter((m) => m.startsWith('REGISTER ')).length;
}
