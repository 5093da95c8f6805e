/**
 * The CSV export of the history (SPEC E5, issue #13): one row per event — calls, messages and
 * voicemails together — with date (the user's date format), direction, kind, number, name, duration
 * and result. UTF-8 with a byte-order mark, so spreadsheet programs read the accents right. Built in
 * slices with a pause between them, so a long export shows its progress and the window stays alive.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { ConversationRowView } from '../../../../src-preload/contract/conversations';
import { formatDuration } from './event-label';

/** The byte-order mark that tells spreadsheet programs the file is UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** Rows per slice between two progress reports. */
export const CSV_SLICE = 5000;

/** How the export words things (the user's language and date format). */
export interface CsvWording {
  header: readonly [string, string, string, string, string, string, string];
  dateTime(epochMs: number): string;
  direction(direction: 'in' | 'out'): string;
  kind(row: ConversationRowView): string;
}

/** What a row's result is: the call's result, a message's status, a voicemail new or listened. */
export function resultOf(row: ConversationRowView): string {
  switch (row.kind) {
    case 'call':
      return row.result;
    case 'message':
      return row.status;
    case 'voicemail':
      return row.unread ? 'new' : 'listened';
  }
}

/**
 * A cell a spreadsheet would run as a formula (=, @, or +/- not starting a number) gets a leading
 * apostrophe: a caller's display name must never become a command in the user's spreadsheet.
 */
export function safeCell(value: string): string {
  return /^[=@\t\r]|^[+-](?![0-9 ])/.test(value) ? `'${value}` : value;
}

function record(row: ConversationRowView, wording: CsvWording): string[] {
  const direction = row.kind === 'voicemail' ? 'in' : row.direction;
  const duration = row.kind === 'message' || row.durationMs === null ? '' : formatDuration(row.durationMs);
  return [
    wording.dateTime(row.at),
    wording.direction(direction),
    wording.kind(row),
    safeCell(row.peer),
    safeCell(row.peerName ?? ''),
    duration,
    resultOf(row),
  ];
}

/**
 * The CSV text of `rows` (with the BOM and a header line), built slice by slice: `onProgress(done,
 * total)` after each, and a yield to the event loop between them.
 */
export async function buildCsv(
  rows: readonly ConversationRowView[],
  wording: CsvWording,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<string> {
  const parts = [UTF8_BOM, stringify([wording.header as unknown as string[]], { record_delimiter: 'windows' })];
  for (let start = 0; start < rows.length; start += CSV_SLICE) {
    const slice = rows.slice(start, start + CSV_SLICE).map((r) => record(r, wording));
    parts.push(stringify(slice, { record_delimiter: 'windows' }));
    onProgress(Math.min(rows.length, start + CSV_SLICE), rows.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onProgress(rows.length, rows.length);
  return parts.join('');
}
