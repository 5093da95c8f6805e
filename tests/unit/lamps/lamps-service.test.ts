import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src-preload/contract/ipc-contract';
import { LampsService } from '../../../server/src/features/lamps';
import type { KamailioDialog, LineReader } from '../../../server/src/features/lamps/kamailio-line-reader';
import { insertTestAccount } from '../../support/insert-test-account';
import { openTestServerContext, type TestServerContext } from '../../support/open-test-server-context';
import { waitFor } from '../../support/engine-harness';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const dialogEvent = (number: string, state: string, remote = 'sip:100@127.0.0.1', id = 'd1') => ({
  event: 'dialog' as const,
  entity: b64(`sip:${number}@127.0.0.1`),
  body: b64(
    `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:${number}@127.0.0.1">` +
      `<dialog id="${id}" direction="recipient"><state>${state}</state>` +
      `<remote><identity>${remote}</identity></remote></dialog></dialog-info>`,
  ),
});

/** Kamailio as a test sets it. */
class FakeReader implements LineReader {
  registered = new Set<string>();
  calls: KamailioDialog[] = [];
  reads = 0;
  async registeredUsers(): Promise<Set<string>> {
    this.reads += 1;
    return new Set(this.registered);
  }
  async isRegistered(user: string): Promise<boolean> {
    return this.registered.has(user);
  }
  async dialogs(): Promise<KamailioDialog[]> {
    return [...this.calls];
  }
}

describe('LampsService', () => {
  let test: TestServerContext;
  let reader: FakeReader;
  let service: LampsService;
  let broadcasts: LiveEvent[];
  const logs: string[] = [];

  beforeEach(async () => {
    test = await openTestServerContext({
      prefix: 'sb-lamps-',
      clock: { now: () => Date.now() },
      sipDomain: '127.0.0.1',
    });
    for (const number of ['100', '101', '102']) await insertTestAccount(test.ctx.db, number);
    reader = new FakeReader();
    broadcasts = [];
    logs.length = 0;
    test.ctx.changes.onDidBroadcast((event) => broadcasts.push(event));
    service = new LampsService(test.ctx, { reader, reconcileMs: 60_000, logger: (m) => logs.push(m) });
  });

  afterEach(async () => {
    await service.stop();
    await test.close();
  });

  it('reads every line from Kamailio at start: registered idle, others unregistered, a call under way', async () => {
    reader.registered = new Set(['100', '101']);
    reader.calls = [{ key: 'dlg:1:1', fromUri: 'sip:+3361@trunk.example', toUri: 'sip:101@127.0.0.1', state: 2 }];
    service.start();
    await waitFor('reconciled', () => test.ctx.lines.lineOf('102') !== undefined, 2_000);
    expect(test.ctx.lines.lineOf('100')).toBe('idle');
    expect(test.ctx.lines.lineOf('101')).toBe('ringing-external');
    expect(test.ctx.lines.lineOf('102')).toBe('unregistered');
  });

  it('announces a line only when its state changes, and never a hidden user’s', async () => {
    reader.registered = new Set(['101']);
    await service.receive({ lost: false, events: [dialogEvent('101', 'early')] });
    expect(test.ctx.lines.lineOf('101')).toBe('ringing-internal');
    expect(broadcasts).toEqual([{ type: 'others-presence-changed', numbers: ['101'] }]);
    // the same state again (a second device rings): nothing new to tell
    await service.receive({ lost: false, events: [dialogEvent('101', 'early')] });
    expect(broadcasts).toHaveLength(1);
    await test.ctx.db
      .insertInto('presence')
      .values({
        account_id: 2,
        state: 'office',
        return_at: null,
        note: null,
        visibility: 'none',
        updated_at: 1,
      })
      .execute();
    await service.receive({ lost: false, events: [dialogEvent('101', 'confirmed')] });
    expect(test.ctx.lines.lineOf('101')).toBe('talking-internal');
    expect(broadcasts).toHaveLength(1);
  });

  it('tells an external caller (another domain, an unknown number) from a colleague', async () => {
    await service.receive({ lost: false, events: [dialogEvent('101', 'early', 'sip:100@elsewhere.example')] });
    expect(test.ctx.lines.lineOf('101')).toBe('ringing-external');
    await service.receive({ lost: false, events: [dialogEvent('102', 'early', 'sip:555@127.0.0.1')] });
    expect(test.ctx.lines.lineOf('102')).toBe('ringing-external');
    await service.receive({ lost: false, events: [dialogEvent('100', 'early', 'sips:101@127.0.0.1;user=phone')] });
    expect(test.ctx.lines.lineOf('100')).toBe('ringing-internal');
  });

  it('heals a lost "terminated" when Kamailio says it lost events', async () => {
    reader.registered = new Set(['101']);
    await service.receive({ lost: false, events: [dialogEvent('101', 'confirmed')] });
    expect(test.ctx.lines.lineOf('101')).toBe('talking-internal');
    const reads = reader.reads;
    await service.receive({ lost: true, events: [] });
    await waitFor('reconciled', () => reader.reads > reads && test.ctx.lines.lineOf('101') === 'idle', 2_000);
  });

  it('logs a malformed body and an unknown entity, and goes on with the rest of the batch', async () => {
    await service.receive({
      lost: false,
      events: [
        { event: 'dialog', entity: b64('sip:101@127.0.0.1'), body: b64('<dialog-info') },
        dialogEvent('999', 'early'),
        dialogEvent('999', 'early'),
        dialogEvent('101', 'early'),
      ],
    });
    expect(test.ctx.lines.lineOf('101')).toBe('ringing-internal');
    expect(logs.filter((l) => /malformed dialog-info/.test(l))).toHaveLength(1);
    // an unknown entity is said once, not at every event
    expect(logs.filter((l) => /sip:999@127\.0\.0\.1" is none of our users/.test(l))).toHaveLength(1);
  });

  it('follows registrations from reginfo, checked against usrloc', async () => {
    const reginfo = (state: 'active' | 'terminated'): string =>
      b64(
        `<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="0" state="full">` +
          `<registration aor="sip:100@127.0.0.1" id="r" state="${state}">` +
          `<contact id="c" state="${state}" event="${state === 'active' ? 'created' : 'unregistered'}"><uri>sip:x@y</uri></contact>` +
          `</registration></reginfo>`,
      );
    reader.registered = new Set(['100']);
    await service.receive({
      lost: false,
      events: [{ event: 'reg', entity: b64('sip:100@127.0.0.1'), body: reginfo('active') }],
    });
    await service.settled();
    expect(test.ctx.lines.lineOf('100')).toBe('idle');
    // one device left, another is still registered: usrloc says so
    await service.receive({
      lost: false,
      events: [{ event: 'reg', entity: b64('sip:100@127.0.0.1'), body: reginfo('terminated') }],
    });
    await service.settled();
    expect(test.ctx.lines.lineOf('100')).toBe('idle');
    reader.registered = new Set();
    await service.receive({
      lost: false,
      events: [{ event: 'reg', entity: b64('sip:100@127.0.0.1'), body: reginfo('terminated') }],
    });
    await service.settled();
    expect(test.ctx.lines.lineOf('100')).toBe('unregistered');
  });
});
