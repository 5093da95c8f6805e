/**
 * The CSV export of the conversations (issue #13, E5): UTF-8 with a BOM, one row per event, parses
 * back to the same events (csv-parse), progress by slices, formula-looking cells defused.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ConversationRowView } from '../../../src-preload/contract/conversations';
import {
  buildCsv,
  CSV_SLICE,
  safeCell,
  UTF8_BOM,
  type CsvWording,
} from '../../../src-renderer/src/features/conversations/conversations-csv';
import { engineFilter } from '../../../src-renderer/src/features/conversations/conversations-slice';

const wording: CsvWording = {
  header: ['date', 'direction', 'kind', 'number', 'name', 'duration', 'result'],
  dateTime: (at) => new Date(at).toISOString(),
  direction: (d) => d,
  kind: (row) => row.kind,
};

const iso = (at: number): string => new Date(at).toISOString();

const rows: ConversationRowView[] = [
  {
    kind: 'call',
    id: 'call:1',
    at: 1_795_000_000_000,
    direction: 'in',
    result: 'missed',
    durationMs: null,
    via: null,
    origin: null,
    originNumber: null,
    deviceKind: null,
    unread: true,
    peer: '+33612345678',
    peerName: 'Zoé "La Boss", Müller',
  },
  {
    kind: 'message',
    id: 'message:2',
    at: 1_795_000_060_000,
    direction: 'out',
    text: 'Bonjour\nà demain',
    unread: false,
    status: 'sent',
    peer: '101',
    peerName: 'Bruno Müller',
  },
  {
    kind: 'voicemail',
    id: 'voicemail:3',
    at: 1_795_000_120_000,
    durationMs: 65_000,
    voicemailId: 'v3',
    unread: false,
    peer: '102',
  },
];

describe('buildCsv', () => {
  it('starts with the BOM and parses back to one row per event', async () => {
    const csv = await buildCsv(rows, wording);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const parsed = parse(csv, { bom: true }) as string[][];
    expect(parsed[0]).toEqual(['date', 'direction', 'kind', 'number', 'name', 'duration', 'result']);
    expect(parsed.slice(1)).toEqual([
      [iso(rows[0]!.at), 'in', 'call', '+33612345678', 'Zoé "La Boss", Müller', '', 'missed'],
      [iso(rows[1]!.at), 'out', 'message', '101', 'Bruno Müller', '', 'sent'],
      [iso(rows[2]!.at), 'in', 'voicemail', '102', '', '1:05', 'listened'],
    ]);
  });

  it('reports its progress slice by slice', async () => {
    const many = Array.from({ length: CSV_SLICE * 2 + 1 }, (_, i) => ({ ...rows[0]!, id: `call:${i}` }));
    const seen: number[] = [];
    const csv = await buildCsv(many, wording, (done) => seen.push(done));
    expect(seen).toEqual([CSV_SLICE, CSV_SLICE * 2, CSV_SLICE * 2 + 1, CSV_SLICE * 2 + 1]);
    expect((parse(csv, { bom: true }) as string[][]).length).toBe(many.length + 1);
  });

  it('defuses cells a spreadsheet would run, keeps phone numbers', () => {
    expect(safeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('-cmd')).toBe("'-cmd");
    expect(safeCell('+33 6 12 34 56 78')).toBe('+33 6 12 34 56 78');
    expect(safeCell('Zoé')).toBe('Zoé');
  });
});

describe('engineFilter', () => {
  it('turns a month into its first instant and the next month’s, in local time', () => {
    expect(engineFilter({ direction: 'missed', month: '2026-12' })).toEqual({
      direction: 'missed',
      from: new Date(2026, 11, 1).getTime(),
      to: new Date(2027, 0, 1).getTime(),
    });
    expect(engineFilter({ direction: 'all', month: '' })).toEqual({ direction: 'all' });
  });
});
