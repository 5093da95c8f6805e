/** A page of a per-account change feed whose rows carry the revision that last changed them. */
export interface RevisionPage<Row> {
  rows: Row[];
  /** the last revision of the page (`since` when it is empty): the client's next `since` */
  revision: number;
  /** more rows changed after `revision` */
  hasMore: boolean;
}

/**
 * Reads one page of a revision-ordered feed without cutting a revision in two: one revision may
 * cover several rows (a read mark, a delete), and the next page asks for `revision > last`, so a
 * page ending inside a revision would lose the rest of it for good.
 *
 * `after(limit)` reads up to `limit` rows with a revision above `since`, by revision then id;
 * `at(revision)` reads every row of one revision (used when a single revision fills the page).
 */
export async function readRevisionPage<Row extends { revision: number }>(
  since: number,
  limit: number,
  after: (limit: number) => Promise<Row[]>,
  at: (revision: number) => Promise<Row[]>,
): Promise<RevisionPage<Row>> {
  const rows = await after(limit + 1);
  let page = rows.slice(0, limit);
  let hasMore = rows.length > limit;
  if (hasMore && page.length > 0 && rows[limit]!.revision === page[page.length - 1]!.revision) {
    const cut = page[page.length - 1]!.revision;
    const whole = page.filter((r) => r.revision < cut);
    // the page is one revision alone: send it whole, however long
    page = whole.length > 0 ? whole : await at(cut);
    hasMore = true;
  }
  return { rows: page, revision: page.length > 0 ? page[page.length - 1]!.revision : since, hasMore };
}
