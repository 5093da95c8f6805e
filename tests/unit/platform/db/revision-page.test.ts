/**
 * The server's page of a revision feed (server/src/platform/db/revision-page.ts): a revision covering
 * several rows is never cut in two, whatever the page size.
 */
import { describe, expect, it } from 'vitest';
import { readRevisionPage } from '../../../../server/src/platform/db/revision-page';

interface Row {
  id: number;
  revision: number;
}

/** A feed held in memory, read the way the services' queries read their tables. */
function feed(revisions: number[]) {
  const rows: Row[] = revisions.map((revision, i) => ({ id: i + 1, revision }));
  const page = (since: number, limit: number) =>
    readRevisionPage(
      since,
      limit,
      (n) => Promise.resolve(rows.filter((r) => r.revision > since).slice(0, n)),
      (cut) => Promise.resolve(rows.filter((r) => r.revision === cut)),
    );
  return { rows, page };
}

describe('readRevisionPage', () => {
  it('pages through a feed of one row per revision', async () => {
    const { page } = feed([1, 2, 3]);
    expect(await page(0, 2)).toEqual({
      rows: [
        { id: 1, revision: 1 },
        { id: 2, revision: 2 },
      ],
      revision: 2,
      hasMore: true,
    });
    expect(await page(2, 2)).toEqual({ rows: [{ id: 3, revision: 3 }], revision: 3, hasMore: false });
    expect(await page(3, 2)).toEqual({ rows: [], revision: 3, hasMore: false });
  });

  it('ends a page before a revision the limit would cut, and the next page holds all of it', async () => {
    const { page } = feed([1, 2, 2, 2, 3]);
    const first = await page(0, 2);
    expect(first).toEqual({ rows: [{ id: 1, revision: 1 }], revision: 1, hasMore: true });
    const second = await page(first.revision, 2);
    // revision 2 alone is longer than a page: it comes whole
    expect(second.rows.map((r) => r.id)).toEqual([2, 3, 4]);
    expect(second).toMatchObject({ revision: 2, hasMore: true });
    expect(await page(second.revision, 2)).toEqual({ rows: [{ id: 5, revision: 3 }], revision: 3, hasMore: false });
  });

  it('reads every row once over all pages, whatever the page size', async () => {
    const { rows, page } = feed([1, 1, 2, 3, 3, 3, 4, 5, 5]);
    for (const limit of [1, 2, 3, 4]) {
      const seen: number[] = [];
      let since = 0;
      for (let i = 0; i < 20; i++) {
        const p = await page(since, limit);
        seen.push(...p.rows.map((r) => r.id));
        since = p.revision;
        if (!p.hasMore) break;
      }
      expect(seen).toEqual(rows.map((r) => r.id));
    }
  });
});
