/**
 * The call history cache (issue #13): pages from GET /calls land in the account's SQLite with their
 * cursor in one transaction, so a client killed in the middle of a sync loses nothing and duplicates
 * nothing when it starts again; a read mark made offline waits in the outbox across the restart.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  CallHistoryResponse,
  CallRecord,
  CallsChangeResponse,
  CallsDelete,
  CallsRead,
} from '../../../src-preload/contract/calls/call-history-http';
import { allMigrations } from '../../../src-main/core/app/client-migrations';
import type { CallHistoryTransport } from '../../../src-main/core/features/conversations/call-history-api';
import { CallHistoryCache } from '../../../src-main/core/features/conversations/call-history-cache';
import { runMigrations } from '../../../src-main/core/platform/db/run-migrations';
import { UcClientError } from '../../../src-main/core/platform/uc/uc-client-error';
import { callRecordFixture } from '../../support/call-record-fixture';

/** A UC server's /calls feed in memory: one record per revision, paging like the real one. */
class FakeCallServer implements CallHistoryTransport {
  readonly records: CallRecord[] = [];
  reads: string[] = [];
  online = true;
  /** the next GET of this page number never answers (the client is killed meanwhile) */
  hangOnPage: number | undefined;
  pages = 0;

  constructor(count: number) {
    for (let i = 1; i <= count; i++) {
      this.records.push(
        callRecordFixture(i, {
          peer: i % 2 === 0 ? '100' : '102',
          peerName: null,
          result: 'missed',
          deviceKind: null,
          startedAt: i * 1000,
          answeredAt: null,
          endedAt: i * 1000 + 500,
          durationMs: null,
        }),
      );
    }
  }

  async calls(since: number, limit: number): Promise<CallHistoryResponse> {
    if (!this.online) throw new UcClientError('unreachable', 'offline', {});
    this.pages++;
    if (this.hangOnPage === this.pages) return new Promise(() => undefined);
    const changed = this.records.filter((r) => r.revision > since).sort((a, b) => a.revision - b.revision);
    const page = changed.slice(0, limit);
    return {
      calls: page,
      revision: page.length > 0 ? page[page.length - 1]!.revision : since,
      hasMore: changed.length > limit,
    };
  }

  async markCallsRead(body: CallsRead): Promise<CallsChangeResponse> {
    if (!this.online) throw new UcClientError('unreachable', 'offline', {});
    this.reads.push(body.peer);
    let revision = Math.max(...this.records.map((r) => r.revision));
    for (const r of this.records)
      if (r.peer === body.peer && !r.read) Object.assign(r, { read: true, revision: ++revision });
    return { updated: 1, revision };
  }

  async deleteCalls(_body: CallsDelete): Promise<CallsChangeResponse> {
    return { updated: 0, revision: 0 };
  }
}

describe('CallHistoryCache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const openDb = (dir: string) => {
    const db = new BetterSqlite3(join(dir, 'account.sqlite'));
    runMigrations(db, allMigrations);
    return db;
  };

  it('killed in the middle of a sync: nothing lost, nothing twice after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-calls-'));
    dirs.push(dir);
    const server = new FakeCallServer(25);
    server.hangOnPage = 3; // pages of 10: 2 applied, the 3rd never answers
    let db = openDb(dir);
    const first = new CallHistoryCache({ db, transport: server, account: 'uc|101', pageLimit: 10 });
    first.start();
    for (let i = 0; i < 200 && server.pages < 3; i++) await new Promise((r) => setTimeout(r, 5));
    expect(first.records()).toHaveLength(20);
    // killed: no stop(), the database simply closed
    db.close();

    db = openDb(dir);
    const second = new CallHistoryCache({ db, transport: server, account: 'uc|101', pageLimit: 10 });
    second.start();
    await second.whenIdle();
    const ids = second.records().map((r) => r.id);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    await second.stop();
    db.close();
  });

  it('a read mark made offline survives a restart and reaches the server once online', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-calls-'));
    dirs.push(dir);
    const server = new FakeCallServer(4);
    let db = openDb(dir);
    const first = new CallHistoryCache({ db, transport: server, account: 'uc|101' });
    first.start();
    await first.whenIdle();
    server.online = false;
    first.setOnline(false);
    first.markRead('100');
    expect(
      first
        .records()
        .filter((r) => r.peer === '100')
        .every((r) => r.read),
    ).toBe(true);
    await first.stop();
    db.close();

    server.online = true;
    db = openDb(dir);
    const second = new CallHistoryCache({ db, transport: server, account: 'uc|101' });
    second.start();
    await second.whenIdle();
    for (let i = 0; i < 200 && server.reads.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(server.reads).toEqual(['100']);
    second.requestPull();
    await second.whenIdle();
    expect(
      second
        .records()
        .filter((r) => r.peer === '100')
        .every((r) => r.read),
    ).toBe(true);
    expect(second.records()).toHaveLength(4);
    await second.stop();
    db.close();
  });
});
