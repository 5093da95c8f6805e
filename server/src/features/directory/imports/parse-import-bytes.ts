import { ApiHttpError } from '../../../platform/http/api-http-error';
import { ImportFailedError } from './import-failed-error';
import {
  decodeImportFile,
  ImportFileError,
  readCsvRecords,
  readXmlRecords,
  type ImportRecord,
} from './read-import-file';

/**
 * Decodes and parses an import file for an HTTP request: an unknown encoding
 * label is a 400 invalid-request; a file that cannot be read is a 400
 * import-failed whose report points at the row.
 */
export function parseImportBytes(bytes: Uint8Array, format: 'csv' | 'xml', encoding: string): ImportRecord[] {
  try {
    const text = decodeImportFile(bytes, encoding);
    return format === 'csv' ? readCsvRecords(text) : readXmlRecords(text);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    if (error.kind === 'unknown-encoding') throw new ApiHttpError(400, 'invalid-request', error.message);
    throw new ImportFailedError(error.message, {
      imported: 0,
      updated: 0,
      skipped: [{ row: error.row ?? 0, reason: error.message }],
    });
  }
}
