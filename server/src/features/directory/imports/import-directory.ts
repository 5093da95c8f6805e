import { randomUUID } from 'node:crypto';
import type { NumberKind } from '../../../../../src-preload/contract/directory';
import type { ImportReport } from '../../../../../src-preload/contract/platform';
import type { ChangeScope } from '../../../platform/server-context';
import { analyzeAfterBulkWrite, runMutation } from '../run-mutation';
import { contactDisplayName, contactNumbers, nameKey } from '../contacts/contact-values';
import type { CanonicalNumberOptions } from '../canonical-number';
import type { EntryRecord } from '../entry-store';
import type { ImportRecord } from './read-import-file';
import { recordValues } from './record-values';

/** The shared directories an administrator imports (SPEC C1). */
export type SharedDirectory = 'global' | 'system';

/** Options of {@link importDirectory}. */
export interface ImportDirectoryOptions {
  directory: SharedDirectory;
  /** true: entries of that directory absent from the file are deleted */
  replace: boolean;
  numbers?: CanonicalNumberOptions;
}

/** Report of an administrator import. */
export interface DirectoryImportReport extends ImportReport {
  /** entries removed by --replace */
  deleted: number;
  /** the revision that carries the import (the feed head when nothing changed) */
  revision: number;
}

/**
 * Imports parsed rows into the global directory (name, company, numbers,
 * e-mail) or the system speed dials (name + one number), in one transaction:
 * all rows are written or none. An entry with the same name is updated in
 * place (same id, so clients update rather than delete + add); with
 * `replace`, entries missing from the file are deleted. Changes are visible
 * to every account.
 */
export async function importDirectory(
  scope: ChangeScope,
  now: number,
  records: readonly ImportRecord[],
  options: ImportDirectoryOptions,
): Promise<DirectoryImportReport> {
  const report: DirectoryImportReport = { imported: 0, updated: 0, deleted: 0, skipped: [], revision: 0 };
  const planned: { row: number; key: string; record: Omit<EntryRecord, 'id'> }[] = [];
  const firstRowByName = new Map<string, number>();
  for (const row of records) {
    const result = recordValues(row, options.numbers);
    if (!result.ok) {
      report.skipped.push({ row: row.row, reason: result.reason });
      continue;
    }
    const values = result.values;
    // a speed dial is a name + the number to dial (SPEC C1); a whole-name column is kept as written
    const displayName =
      row.fields.name !== undefined && row.fields.firstName === undefined && row.fields.lastName === undefined
        ? row.fields.name.replace(/\s+/g, ' ').trim()
        : contactDisplayName(values);
    let numbers: { kind: NumberKind; number: string }[] = contactNumbers(values);
    if (options.directory === 'system') {
      const first = numbers[0];
      if (first === undefined) {
        report.skipped.push({ row: row.row, reason: 'no number' });
        continue;
      }
      numbers = [{ kind: 'other', number: first.number }];
    }
    const key = nameKey(displayName);
    const duplicate = firstRowByName.get(key);
    if (duplicate !== undefined) {
      report.skipped.push({ row: row.row, reason: `duplicate of row ${duplicate}` });
      continue;
    }
    firstRowByName.set(key, row.row);
    planned.push({
      row: row.row,
      key,
      record:
        options.directory === 'system'
          ? { source: 'system', ownerAccountId: null, displayName, numbers, handEdited: false }
          : {
              source: 'global',
              ownerAccountId: null,
              displayName,
              firstName: values.firstName,
              lastName: values.lastName,
              company: values.company,
              email: values.email,
              numbers,
              handEdited: false,
            },
    });
  }

  report.revision = await runMutation(scope, now, async (mutation) => {
    const existing = await mutation.trx
      .selectFrom('directory_entries')
      .select(['id', 'name_key'])
      .where('source', '=', options.directory)
      .execute();
    const idByName = new Map(existing.map((row) => [row.name_key, row.id]));
    const kept = new Set<string>();
    const writes: EntryRecord[] = [];
    for (const plan of planned) {
      const id = idByName.get(plan.key);
      if (id === undefined) report.imported += 1;
      else report.updated += 1;
      const entryId = id ?? `${options.directory}:${randomUUID()}`;
      kept.add(entryId);
      writes.push({ id: entryId, ...plan.record });
    }
    let revision = await mutation.put(writes);
    if (options.replace) {
      const gone = existing.filter((row) => !kept.has(row.id)).map((row) => ({ id: row.id, ownerAccountId: null }));
      report.deleted = gone.length;
      revision = Math.max(revision, await mutation.remove(gone));
    }
    if (revision > 0) return revision;
    const head = await mutation.trx
      .selectFrom('changes')
      .select((eb) => eb.fn.max('revision').as('head'))
      .executeTakeFirst();
    return Number(head?.head ?? 0);
  });
  await analyzeAfterBulkWrite(scope.db, report.imported + report.updated + report.deleted);
  report.skipped.sort((a, b) => a.row - b.row);
  return report;
}
