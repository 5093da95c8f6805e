import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { importFieldOf, NAME_FIELDS, type ImportField } from './import-columns';

/** One row of an import file, with the fields it fills. */
export interface ImportRecord {
  /** CSV: line number in the file (the header is line 1); XML: position of the <contact> (1-based) */
  row: number;
  fields: Partial<Record<ImportField, string>>;
}

/** Why a whole file is refused (nothing of it is written). */
export class ImportFileError extends Error {
  /** 'unknown-encoding': the label itself is wrong (a request error, not a file error) */
  readonly kind: 'unknown-encoding' | 'malformed';
  /** where the problem is, when known */
  readonly row: number | undefined;

  constructor(kind: 'unknown-encoding' | 'malformed', message: string, row?: number) {
    super(message);
    this.name = 'ImportFileError';
    this.kind = kind;
    this.row = row;
  }
}

/** Most rows in one file (bounds memory and time; 5 MB of contacts is far less). */
export const MAX_IMPORT_ROWS = 1_000_000;

/**
 * Decodes a file with a WHATWG encoding label (utf-8, windows-1252,
 * iso-8859-15, utf-16le …). Bytes that are invalid in that encoding refuse the
 * whole file: silently turning "Müller" into "M�ller" would lose data.
 * A UTF-8/UTF-16 byte-order mark is dropped.
 */
export function decodeImportFile(bytes: Uint8Array, encoding: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding.trim(), { fatal: true });
  } catch {
    throw new ImportFileError(
      'unknown-encoding',
      `Unknown encoding "${encoding}": use a WHATWG label such as utf-8, windows-1252, iso-8859-15 or utf-16le`,
    );
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ImportFileError(
      'malformed',
      `The file is not valid ${decoder.encoding}: choose the encoding it was saved with (e.g. windows-1252 for Excel on Windows)`,
    );
  }
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = text.slice(0, bad).split('\n').length;
    throw new ImportFileError(
      'malformed',
      `Line ${line} contains an undecodable character (U+FFFD): the file was probably saved in another encoding than ${decoder.encoding}`,
      line,
    );
  }
  return text;
}

/**
 * Reads a CSV file with a header row. The delimiter (`,`, `;` as French Excel
 * writes, or tab) is taken from the header line. Refuses: unbalanced quotes,
 * rows with more cells than the header, no header, no name column.
 */
export function readCsvRecords(text: string): ImportRecord[] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '')
    throw new ImportFileError('malformed', 'The file is empty or starts with a blank line: expected a header row', 1);
  const delimiter = detectDelimiter(firstLine);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parseCsv(text, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count_less: true,
      trim: true,
      bom: true,
      to: MAX_IMPORT_ROWS + 1,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const err = error as Error & { lines?: number };
    throw new ImportFileError('malformed', `The CSV file cannot be read: ${err.message}`, err.lines);
  }
  const [header, ...data] = rows;
  if (header === undefined) throw new ImportFileError('malformed', 'The file is empty: expected a header row', 1);
  if (data.length > MAX_IMPORT_ROWS)
    throw new ImportFileError('malformed', `Too many rows (more than ${MAX_IMPORT_ROWS})`);
  const columns = header.record.map((name) => importFieldOf(name));
  requireNameColumn(columns, header.record);
  return data.map(({ record, info }) => {
    const fields: Partial<Record<ImportField, string>> = {};
    record.forEach((value, index) => {
      const field = columns[index];
      // the first column of a field wins (e.g. "Phone" and "Business Phone" both present)
      if (field !== undefined && value !== '' && fields[field] === undefined) fields[field] = value;
    });
    return { row: info.lines, fields };
  });
}

function detectDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] === 0 ? ',' : best[0];
}

function requireNameColumn(columns: readonly (ImportField | undefined)[], headers: readonly string[]): void {
  if (columns.some((field) => field !== undefined && NAME_FIELDS.includes(field))) return;
  throw new ImportFileError(
    'malformed',
    `Missing a name column: expected one of firstName, lastName, name, company (or Prénom, Nom, Société); found ${headers
      .map((h) => `"${h}"`)
      .join(', ')}`,
    1,
  );
}

/**
 * Reads `<contacts><contact><firstName>…</firstName>…</contact>…</contacts>`.
 * Element names follow the CSV header names; one level of grouping is
 * flattened (`<phones><mobile>…</mobile></phones>`). DOCTYPEs are refused
 * (no entity expansion from untrusted files).
 */
export function readXmlRecords(text: string): ImportRecord[] {
  if (/<!DOCTYPE/i.test(text)) throw new ImportFileError('malformed', 'XML files with a DOCTYPE are not accepted');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ImportFileError(
      'malformed',
      `The XML file is malformed (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`,
      valid.err.line,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (_name, jpath) => jpath === 'contacts.contact',
  });
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = doc.contacts;
  if (root === undefined)
    throw new ImportFileError(
      'malformed',
      `Expected a <contacts> root element, found <${Object.keys(doc)[0] ?? 'nothing'}>`,
    );
  const contacts = typeof root === 'object' && root !== null ? ((root as Record<string, unknown>).contact ?? []) : [];
  if (!Array.isArray(contacts)) throw new ImportFileError('malformed', 'Expected <contact> elements inside <contacts>');
  if (contacts.length > MAX_IMPORT_ROWS)
    throw new ImportFileError('malformed', `Too many contacts (more than ${MAX_IMPORT_ROWS})`);
  const seen = new Set<ImportField>();
  const records = contacts.map((contact, index): ImportRecord => {
    const fields: Partial<Record<ImportField, string>> = {};
    const visit = (node: unknown, depth: number): void => {
      if (typeof node !== 'object' || node === null || depth > 1) return;
      for (const [name, value] of Object.entries(node)) {
        const field = importFieldOf(name);
        if (typeof value === 'string') {
          if (field !== undefined && value !== '' && fields[field] === undefined) fields[field] = value;
          if (field !== undefined) seen.add(field);
        } else if (!Array.isArray(value)) {
          visit(value, depth + 1);
        }
      }
    };
    visit(contact, 0);
    return { row: index + 1, fields };
  });
  if (records.length > 0 && !NAME_FIELDS.some((field) => seen.has(field)))
    throw new ImportFileError(
      'malformed',
      'No <contact> has a name element: expected firstName, lastName, name or company',
    );
  return records;
}
