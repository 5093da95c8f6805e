import { randomUUID } from 'node:crypto';
import type { ContactImportRequest, ContactImportResponse } from '../../../../../src-preload/contract/directory';
import type { ImportReport } from '../../../../../src-preload/contract/platform';
import type { ChangeBus } from '../../../platform/change-bus';
import type { Db } from '../../../platform/db/database';
import { analyzeAfterBulkWrite, runMutation } from '../run-mutation';
import type { CanonicalNumberOptions } from '../canonical-number';
import type { EntryRecord } from '../entry-store';
import { ApiHttpError } from '../../../platform/http/api-http-error';
import { parseImportBytes } from '../imports/parse-import-bytes';
import { recordValues } from '../imports/record-values';
import { contactDisplayName, nameKey, type ContactValues, CONTACT_FIELD_NAMES } from './contact-values';
import { contactValuesOf, personalRecord } from './contact-service';

/** Dependencies of {@link importContacts}. */
export interface ImportContactsDeps {
  db: Db;
  /** the server's change bus: the import is announced after its commit */
  changes: ChangeBus;
  now: number;
  numbers?: CanonicalNumberOptions;
}

/**
 * Imports a CSV/XML file into the caller's personal contacts, all or nothing:
 * a file that cannot be read (bad encoding, broken CSV/XML, no name column)
 * is refused with 400 import-failed and nothing written; rows that are merely
 * unusable (no name, invalid number or e-mail, duplicate) are skipped and
 * reported. A row whose name matches an existing contact updates it — unless
 * that contact was edited by hand, which an import never overwrites (SPEC C4).
 */
export async function importContacts(
  deps: ImportContactsDeps,
  accountId: number,
  request: ContactImportRequest,
): Promise<ContactImportResponse> {
  const records = parseImportBytes(decodeBase64(request.contentBase64), request.format, request.encoding);
  const report: ImportReport = { imported: 0, updated: 0, skipped: [] };
  const firstRowByName = new Map<string, number>();
  const planned: { row: number; key: string; values: ContactValues }[] = [];
  for (const record of records) {
    const result = recordValues(record, deps.numbers);
    if (!result.ok) {
      report.skipped.push({ row: record.row, reason: result.reason });
      continue;
    }
    const key = nameKey(contactDisplayName(result.values));
    const first = firstRowByName.get(key);
    if (first !== undefined) {
      report.skipped.push({ row: record.row, reason: `duplicate of row ${first}` });
      continue;
    }
    firstRowByName.set(key, record.row);
    planned.push({ row: record.row, key, values: result.values });
  }

  const revision = await runMutation(deps, deps.now, async (scope) => {
    const existing = await scope.trx
      .selectFrom('directory_entries')
      .selectAll()
      .where('owner_account_id', '=', accountId)
      .where('source', '=', 'personal')
      .execute();
    const byName = new Map(existing.map((row) => [row.name_key, row]));
    const writes: EntryRecord[] = [];
    for (const plan of planned) {
      const row = byName.get(plan.key);
      if (row === undefined) {
        writes.push(personalRecord(`personal:${randomUUID()}`, accountId, plan.values, false));
        report.imported += 1;
        continue;
      }
      if (row.hand_edited === 1) {
        report.skipped.push({ row: plan.row, reason: 'edited by hand: not overwritten' });
        continue;
      }
      const current = contactValuesOf(row);
      // only the fields the file fills replace stored ones
      const merged = { ...current };
      for (const name of CONTACT_FIELD_NAMES) if (plan.values[name] !== '') merged[name] = plan.values[name];
      report.updated += 1;
      if (CONTACT_FIELD_NAMES.some((name) => merged[name] !== current[name]))
        writes.push(personalRecord(row.id, accountId, merged, false));
    }
    const written = await scope.put(writes);
    if (written > 0) return written;
    const head = await scope.trx
      .selectFrom('changes')
      .select((eb) => eb.fn.max('revision').as('head'))
      .executeTakeFirst();
    return Number(head?.head ?? 0);
  });
  await analyzeAfterBulkWrite(deps.db, report.imported + report.updated);
  report.skipped.sort((a, b) => a.row - b.row);
  return { report, revision };
}

function decodeBase64(content: string): Uint8Array {
  const compact = content.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1)
    throw new ApiHttpError(400, 'invalid-request', 'contentBase64 is not valid base64');
  return Buffer.from(compact, 'base64');
}
