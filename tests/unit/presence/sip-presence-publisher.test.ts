import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PresenceService } from '../../../server/src/features/presence/presence-service';
import { SipPresencePublisher } from '../../../server/src/features/presence/sip-presence-publisher';
import type { PuaPublication } from '../../../server/src/platform/kamailio-rpc';
import type { ServerContext } from '../../../server/src/platform/server-context';
import { insertTestAccount } from '../../support/insert-test-account';
import { openTestServerContext, type TestServerContext } from '../../support/open-test-server-context';
import { until } from '../../support/sync-helpers';

/** A scriptable Kamailio: up or down, restartable, records what it was asked to publish. */
class FakeKamailio {
  up = true;
  upSince = 'Mon Jan  1 00:00:00 2030';
  readonly published: PuaPublication[] = [];
  async puaPublish(publication: PuaPublication): Promise<void> {
    if (!this.up) throw new Error('fetch failed');
    this.published.push(publication);
  }
  async coreUptime(): Promise<{ upSince: string }> {
    if (!this.up) throw new Error('fetch failed');
    return { upSince: this.upSince };
  }
  lastFor(number: string): string | undefined {
    return this.published.filter((p) => p.presentity === `sip:${number}@uc.test`).at(-1)?.body;
  }
}

describe('SIP presence publisher', () => {
  let server: TestServerContext;
  let ctx: ServerContext;
  let kamailio: FakeKamailio;
  let presence: PresenceService;
  let publisher: SipPresencePublisher;
  let alice: number;
  const logs: string[] = [];

  beforeEach(async () => {
    server = await openTestServerContext({ prefix: 'sb-sippres-', clock: { now: () => Date.now() } });
    ctx = server.ctx;
    alice = await insertTestAccount(ctx.db, '100', 'Alice');
    await insertTestAccount(ctx.db, '101', 'Bruno');
    kamailio = new FakeKamailio();
    presence = new PresenceService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
    publisher = new SipPresencePublisher({
      rpc: kamailio,
      domain: 'uc.test',
      db: ctx.db,
      changes: ctx.changes,
      presence,
      checkMs: 50,
      backoff: { baseMs: 20, capMs: 40, minMs: 5 },
      logger: (m) => logs.push(m),
    });
    logs.length = 0;
  });

  afterEach(async () => {
    await publisher.stop();
    presence.stop();
    await server.close();
  });

  it('publishes everyone at start, then each change (PIDF, for an hour)', async () => {
    publisher.start();
    await until('everyone published', () => kamailio.published.length === 2, 2_000);
    expect(kamailio.published.map((p) => [p.presentity, p.event, p.contentType, p.expires])).toEqual([
      ['sip:100@uc.test', 'presence', 'application/pidf+xml', 3600],
      ['sip:101@uc.test', 'presence', 'application/pidf+xml', 3600],
    ]);
    await presence.set(alice, { state: 'meeting', note: 'Board' });
    await until('the change published', () => kamailio.lastFor('100')?.includes('<rpid:meeting/>') === true, 2_000);
    expect(kamailio.lastFor('100')).toContain('<dm:note>Board</dm:note>');
  });

  it('a change while Kamailio is down is not lost: retried with backoff, then everyone is published again', async () => {
    publisher.start();
    await until('started', () => publisher.idle, 2_000);
    kamailio.up = false;
    // set() resolves without waiting for SIP
    await presence.set(alice, { state: 'dnd', visibility: 'none' });
    await new Promise((r) => setTimeout(r, 150));
    expect(kamailio.lastFor('100')).not.toContain('closed');
    const before = kamailio.published.length;
    kamailio.up = true;
    await until('republished after the outage', () => publisher.idle && kamailio.published.length >= before + 2, 2_000);
    expect(kamailio.lastFor('100')).toContain('<basic>closed</basic>');
    expect(logs.some((m) => m.includes('cannot publish') || m.includes('failed'))).toBe(true);
    expect(logs.some((m) => m.includes('reachable again'))).toBe(true);
  });

  it('a Kamailio restart (new up_since) republishes everyone', async () => {
    publisher.start();
    await until('started', () => publisher.idle && kamailio.published.length === 2, 2_000);
    kamailio.upSince = 'Tue Jan  2 00:00:00 2030';
    await until('republished', () => kamailio.published.length === 4, 2_000);
    expect(logs.some((m) => m.includes('restarted'))).toBe(true);
  });

  it('an account created later is published by the next check', async () => {
    publisher.start();
    await until('started', () => publisher.idle && kamailio.published.length === 2, 2_000);
    await insertTestAccount(ctx.db, '102', 'Chloé');
    await until('the new account published', () => kamailio.lastFor('102') !== undefined, 2_000);
    expect(kamailio.published).toHaveLength(3);
  });

  it('stop() ends the loop: no more publications', async () => {
    publisher.start();
    await until('started', () => publisher.idle, 2_000);
    await publisher.stop();
    const count = kamailio.published.length;
    await presence.set(alice, { state: 'lunch' });
    kamailio.upSince = 'later';
    await new Promise((r) => setTimeout(r, 150));
    expect(kamailio.published.length).toBe(count);
  });
});
