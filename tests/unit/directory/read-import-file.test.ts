import { describe, expect, it } from 'vitest';
import { importFieldOf } from '../../../server/src/features/directory/imports/import-columns';
import {
  decodeImportFile,
  ImportFileError,
  readCsvRecords,
  readXmlRecords,
} from '../../../server/src/features/directory/imports/read-import-file';
import { recordValues } from '../../../server/src/features/directory/imports/record-values';

function fileError(fn: () => unknown): ImportFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

describe('import columns', () => {
  it.each([
    ['First Name', 'firstName'],
    ['Prénom', 'firstName'],
    ['Nom', 'lastName'],
    ['Société', 'company'],
    ['E-mail', 'email'],
    ['Courriel', 'email'],
    ['Téléphone mobile', 'mobile'],
    ['Portable', 'mobile'],
    ['Business Phone', 'business'],
    ['Home Phone', 'private'],
    ['Name', 'name'],
  ])('maps %j to %s', (header, field) => {
    expect(importFieldOf(header)).toBe(field);
  });

  it('ignores unknown columns', () => {
    expect(importFieldOf('Birthday')).toBeUndefined();
  });
});

describe('decodeImportFile', () => {
  it('decodes windows-1252 ("Müller")', () => {
    expect(decodeImportFile(Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), 'windows-1252')).toBe('Müller');
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeImportFile(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]), 'utf-8')).toBe('A');
  });

  it('refuses bytes that are invalid in the chosen encoding', () => {
    const error = fileError(() => decodeImportFile(Uint8Array.from([0x4d, 0xfc, 0x6c]), 'utf-8'));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/not valid utf-8/);
  });

  it('refuses text that already contains replacement characters, with the line', () => {
    const error = fileError(() => decodeImportFile(new TextEncoder().encode('a\nM\uFFFDller'), 'utf-8'));
    expect(error.row).toBe(2);
  });

  it('names an unknown encoding label', () => {
    const error = fileError(() => decodeImportFile(new Uint8Array(), 'klingon-8'));
    expect(error.kind).toBe('unknown-encoding');
    expect(error.message).toMatch(/Unknown encoding "klingon-8"/);
  });
});

describe('readCsvRecords', () => {
  it('reads comma- and semicolon-separated files with their line numbers', () => {
    expect(readCsvRecords('firstName,lastName,mobile\nHans,Müller,+49 171 1234567\n\nAnna,Schmidt,\n')).toEqual([
      { row: 2, fields: { firstName: 'Hans', lastName: 'Müller', mobile: '+49 171 1234567' } },
      { row: 4, fields: { firstName: 'Anna', lastName: 'Schmidt' } },
    ]);
    expect(readCsvRecords('Prénom;Nom;Société\r\nChloé;Dubois;"ACME; SA"\r\n')).toEqual([
      { row: 2, fields: { firstName: 'Chloé', lastName: 'Dubois', company: 'ACME; SA' } },
    ]);
  });

  it('refuses a file without a name column', () => {
    const error = fileError(() => readCsvRecords('email,mobile\na@b.c,123\n'));
    expect(error.message).toMatch(/Missing a name column/);
  });

  it('refuses unbalanced quotes and rows wider than the header', () => {
    expect(fileError(() => readCsvRecords('firstName,lastName\n"Hans,Müller\n')).message).toMatch(/cannot be read/);
    expect(fileError(() => readCsvRecords('firstName,lastName\nHans,Müller,extra\n')).message).toMatch(
      /cannot be read/,
    );
  });

  it('refuses an empty file', () => {
    expect(fileError(() => readCsvRecords('')).kind).toBe('malformed');
  });
});

describe('readXmlRecords', () => {
  it('reads <contacts><contact> with flat and grouped elements', () => {
    const xml = `<?xml version="1.0"?><contacts>
      <contact><firstName>Hans</firstName><lastName>Müller</lastName><phones><mobile>+49 171 1234567</mobile></phones></contact>
      <contact><company>ACME &amp; Co</company></contact>
    </contacts>`;
    expect(readXmlRecords(xml)).toEqual([
      { row: 1, fields: { firstName: 'Hans', lastName: 'Müller', mobile: '+49 171 1234567' } },
      { row: 2, fields: { company: 'ACME & Co' } },
    ]);
  });

  it('refuses malformed XML with the line, a wrong root, and DOCTYPEs', () => {
    expect(fileError(() => readXmlRecords('<contacts>\n<contact><firstName>Hans</contact>\n</contacts>')).row).toBe(2);
    expect(fileError(() => readXmlRecords('<people><person/></people>')).message).toMatch(/<contacts> root/);
    expect(fileError(() => readXmlRecords('<!DOCTYPE x [<!ENTITY a "b">]><contacts/>')).message).toMatch(/DOCTYPE/);
  });
});

describe('recordValues', () => {
  it('splits a whole name and skips rows without a name or with bad data', () => {
    expect(recordValues({ row: 2, fields: { name: 'Jean Paul Sartre' } })).toMatchObject({
      ok: true,
      values: { firstName: 'Jean Paul', lastName: 'Sartre' },
    });
    expect(recordValues({ row: 3, fields: { email: 'a@b.cd' } })).toEqual({
      ok: false,
      reason: 'no name (first name, last name or company)',
    });
    expect(recordValues({ row: 4, fields: { lastName: 'X', mobile: 'call me' } }).ok).toBe(false);
  });
});
