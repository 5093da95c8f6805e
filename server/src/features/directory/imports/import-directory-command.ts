import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServerContext } from '../../../platform/server-context';
import { importDirectory, type SharedDirectory } from './import-directory';
import { decodeImportFile, ImportFileError, readCsvRecords, readXmlRecords } from './read-import-file';

export const IMPORT_DIRECTORY_USAGE = `Usage: npm run server -- import-directory FILE.csv [--directory global|system] [--encoding LABEL] [--replace]
  --directory  global (default): name or firstName/lastName, company, email, business, mobile, private, other
               system: speed dials, name + number
  --encoding   WHATWG label of the file (default utf-8; e.g. windows-1252, iso-8859-15)
  --replace    delete the entries of that directory that are not in the file
  --format     csv | xml (default: from the file extension)`;

/** Output streams of the command (tests capture them). */
export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function parseImportDirectoryArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      directory: { type: 'string', default: 'global' },
      encoding: { type: 'string', default: 'utf-8' },
      replace: { type: 'boolean', default: false },
      format: { type: 'string' },
    },
  });
}

/**
 * `npm run server -- import-directory FILE.csv [--directory global|system]
 * [--encoding …] [--replace]`: imports the file all or nothing and prints the
 * report. Exit code 0 = imported, 1 = file refused (nothing written),
 * 2 = usage error.
 */
export async function runImportDirectoryCommand(
  args: readonly string[],
  ctx: ServerContext,
  output: CommandOutput = processOutput,
): Promise<number> {
  let parsed: ReturnType<typeof parseImportDirectoryArgs>;
  try {
    parsed = parseImportDirectoryArgs(args);
  } catch (error) {
    output.err(`import-directory: ${(error as Error).message}\n${IMPORT_DIRECTORY_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    output.err(`import-directory: expected exactly one FILE\n${IMPORT_DIRECTORY_USAGE}\n`);
    return 2;
  }
  if (values.directory !== 'global' && values.directory !== 'system') {
    output.err(`import-directory: --directory must be global or system, got ${JSON.stringify(values.directory)}\n`);
    return 2;
  }
  const directory: SharedDirectory = values.directory;
  const format = values.format ?? (extname(file).toLowerCase() === '.xml' ? 'xml' : 'csv');
  if (format !== 'csv' && format !== 'xml') {
    output.err(`import-directory: --format must be csv or xml, got ${JSON.stringify(format)}\n`);
    return 2;
  }

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    output.err(`import-directory: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  let records;
  try {
    const text = decodeImportFile(bytes, values.encoding);
    records = format === 'csv' ? readCsvRecords(text) : readXmlRecords(text);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    output.err(
      `import-directory: ${file} refused, nothing imported.\n  ${error.row !== undefined ? `row ${error.row}: ` : ''}${error.message}\n`,
    );
    return error.kind === 'unknown-encoding' ? 2 : 1;
  }
  const report = await importDirectory(ctx, ctx.clock.now(), records, { directory, replace: values.replace });
  const lines = [
    `Imported ${file} into the ${directory === 'global' ? 'global directory' : 'system speed dials'} (revision ${report.revision}):`,
    `  ${report.imported} added, ${report.updated} updated, ${report.deleted} deleted, ${report.skipped.length} skipped`,
    ...report.skipped.map((skip) => `  row ${skip.row}: skipped, ${skip.reason}`),
  ];
  output.out(lines.join('\n') + '\n');
  return 0;
}
