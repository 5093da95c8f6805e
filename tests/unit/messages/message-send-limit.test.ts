/**
 * The UC server's per-sender message limit (SPEC E6: no storage or
 * notification flood) with a small configured limit and the injected clock:
 * a sliding window over the stored messages, per sender, replays exempt.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServerDatabase, type OpenDatabase } from '../../../server/src/app/server-database';
import { ApiHttpError } from '../../../server/src/platform/http/api-http-error';
import { MessageService } from '../../../server/src/features/messages/message-service';
import { ChangeBus } from '../../../server/src/platform/change-bus';
import { insertTestAccount } from '../../support/insert-test-account';
import { rejectionOf } from '../../support/rejection-of';

describe('MessageService send limit', () => {
  let database: OpenDatabase;
  let now: number;
  let ids: Record<string, number>;
  let service: MessageService;

  const refusal = (promise: Promise<unknown>): Promise<ApiHttpError> => rejectionOf(promise, ApiHttpError);

  beforeEach(async () => {
    database = await openServerDatabase('sqlite::memory:');
    now = 1_800_000_000_000;
    ids = {};
    for (const number of ['100', '101', '102']) ids[number] = await insertTestAccount(database.db, number);
    service = new MessageService({
      db: database.db,
      changes: new ChangeBus(),
      clock: { now: () => now },
      sendLimit: { max: 3, windowMs: 10_000 },
    });
  });
  afterEach(async () => {
    await database.close();
  });

  it('refuses the sender over max per window with 429 and Retry-After; the window slides', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) {
      keys.push(randomUUID());
      await service.send(ids['100']!, keys[i]!, { to: '101', text: `m${i}` });
      now += 1000; // sent at +0 s, +1 s, +2 s
    }
    // now = +3 s: the oldest leaves the window at +10 s → 7 s to wait
    const refused = await refusal(service.send(ids['100']!, randomUUID(), { to: '101', text: 'flood' }));
    expect(refused.statusCode).toBe(429);
    expect(refused.toBody()).toMatchObject({ error: 'too-many-attempts', retryAfterS: 7 });
    // a replay of a stored message is answered, not refused
    expect((await service.send(ids['100']!, keys[2]!, { to: '101', text: 'm2' })).message.text).toBe('m2');
    // another sender is not limited by this one
    await service.send(ids['102']!, randomUUID(), { to: '101', text: 'autre' });
    // nothing was stored for the refusal
    const list = await service.list(ids['101']!, 0, 100);
    expect(list.messages.map((m) => m.text)).toEqual(['m0', 'm1', 'm2', 'autre']);
    now += 6999; // +9.999 s: still inside
    expect((await refusal(service.send(ids['100']!, randomUUID(), { to: '101', text: 'flood' }))).statusCode).toBe(429);
    now += 1; // +10 s: the first message left the window, one more fits
    await service.send(ids['100']!, randomUUID(), { to: '101', text: 'ok' });
    expect((await refusal(service.send(ids['100']!, randomUUID(), { to: '101', text: 'flood' }))).statusCode).toBe(429);
  });

  it('rejects a nonsensical limit', () => {
    expect(
      () =>
        new MessageService({
          db: database.db,
          changes: new ChangeBus(),
          clock: { now: () => now },
          sendLimit: { max: 0, windowMs: 1 },
        }),
    ).toThrow(RangeError);
  });
});
