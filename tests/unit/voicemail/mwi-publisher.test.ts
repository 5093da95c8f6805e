import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../../server/src/platform/server-context';
import { messageSummaryBody, MwiPublisher } from '../../../server/src/features/voicemail/mwi-publisher';
import { VoicemailStore } from '../../../server/src/features/voicemail/voicemail-store';
import { encodeWav } from '../../../server/src/features/voicemail/wav-codec';
import { insertTestAccount } from '../../support/insert-test-account';
import { openTestServerContext, type TestServerContext } from '../../support/open-test-server-context';

describe('MWI publisher (SPEC H6)', () => {
  let server: TestServerContext;
  let ctx: ServerContext;
  let requests: Array<{ url: string; body: { method: string; params: string[] } }>;
  let publisher: MwiPublisher;

  beforeEach(async () => {
    server = await openTestServerContext({ prefix: 'sb-mwi-', clock: { now: () => 1_795_000_000_000 } });
    ctx = server.ctx;
    await insertTestAccount(ctx.db, '101', 'B');
    requests = [];
    publisher = new MwiPublisher(ctx, {
      rpcUrl: 'http://127.0.0.1:1/RPC',
      rpcSecret: 'a'.repeat(64),
      domain: 'uc.test',
      messageAccount: 'sip:voicemail@uc.test',
      fetch: async (url, init) => {
        requests.push({ url, body: JSON.parse(String(init.body)) });
        return new Response(JSON.stringify({ jsonrpc: '2.0', result: {}, id: 1 }), { status: 200 });
      },
    });
  });

  afterEach(async () => {
    await publisher.stop();
    await server.close();
  });

  it('writes the RFC 3842 summary', () => {
    expect(messageSummaryBody(2, 3, 'sip:voicemail@uc.test')).toBe(
      'Messages-Waiting: yes\r\nMessage-Account: sip:voicemail@uc.test\r\nVoice-Message: 2/3\r\n',
    );
    expect(messageSummaryBody(0, 1, 'sip:v@d')).toMatch(/^Messages-Waiting: no\r\n/);
  });

  it('publishes the owner summary after each change of the mailbox', async () => {
    await publisher.start();
    expect(requests).toEqual([]);
    const store = new VoicemailStore(ctx);
    const row = await ctx.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    const vm = await store.add({
      accountId: row.id,
      callerNumber: '100',
      callerName: null,
      durationMs: 1,
      wav: encodeWav(new Int16Array(1)),
    });
    await store.setListened(row.id, vm.id, true);
    await publisher.stop();
    expect(requests.map((r) => r.body.method)).toEqual(['pua.publish', 'pua.publish']);
    expect(requests[0]!.url).toBe('http://127.0.0.1:1/RPC');
    const [first, second] = requests.map((r) => r.body.params);
    expect(first!.slice(0, 4)).toEqual([
      'sip:101@uc.test',
      '3600',
      'message-summary',
      'application/simple-message-summary',
    ]);
    expect(first![8]).toContain('Voice-Message: 1/0');
    expect(second![8]).toContain('Voice-Message: 0/1');
  });
});
