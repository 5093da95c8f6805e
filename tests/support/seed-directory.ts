/**
 * Seeds the UC server's global directory directly through its import code
 * (one transaction per batch, change feed rows included), for sync tests and
 * the sync bench: `count` entries with unique names and numbers.
 */
import { importDirectory } from '../../server/src/features/directory/imports/import-directory';
import type { ImportRecord } from '../../server/src/features/directory/imports/read-import-file';
import type { ServerContext } from '../../server/src/platform/server-context';

const FIRST = ['Anna', 'Bruno', 'Chloé', 'David', 'Émile', 'Fanny', 'Gérard', 'Hélène', 'Igor', 'Jürgen'];

/** Writes `count` global entries in batches of `batch`; returns the feed revision after the last batch. */
export async function seedGlobalDirectory(
  ctx: ServerContext,
  count: number,
  options: { batch?: number; prefix?: string } = {},
): Promise<number> {
  const batch = options.batch ?? 20_000;
  const prefix = options.prefix ?? 'Seed';
  let revision = 0;
  for (let start = 0; start < count; start += batch) {
    const records: ImportRecord[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      records.push({
        row: i + 2,
        fields: {
          firstName: FIRST[i % FIRST.length]!,
          lastName: `${prefix}${String(i).padStart(7, '0')}`,
          company: `Company ${i % 997}`,
          business: `+331${String(40_000_000 + i).padStart(8, '0')}`,
        },
      });
    }
    const report = await importDirectory(ctx, ctx.clock.now(), records, { directory: 'global', replace: false });
    if (report.skipped.length > 0)
      throw new Error(`seed: ${report.skipped.length} rows skipped: ${report.skipped[0]!.reason}`);
    revision = report.revision;
  }
  return revision;
}
