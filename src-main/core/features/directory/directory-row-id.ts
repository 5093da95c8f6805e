import type { DirectorySource } from '../../../../src-preload/contract/ipc-contract';
import { DIRECTORY_GROUP_ORDER, DIRECTORY_GROUP_RANK } from '../../../../src-preload/contract/directory';

/**
 * The order of the result groups (internal, personal, system, global), which is
 * also the order of the row-id ranges below: the contract's one definition.
 */
export const DIRECTORY_SOURCE_ORDER = DIRECTORY_GROUP_ORDER;

const SOURCE_INDEX = Object.fromEntries(
  Object.entries(DIRECTORY_GROUP_RANK).map(([source, rank]) => [source, BigInt(rank)]),
) as Record<DirectorySource, bigint>;

/** Characters of the folded display name packed into the sort key. */
const KEY_CHARS = 7;
/** Symbols per character: end, separator, 10 digits, 26 letters, other letter. */
const KEY_BASE = 39n;
const SEQ_BITS = 23n;
const KEY_BITS = 37n; // 39^7 = 137 231 006 679 < 2^37
const SOURCE_SHIFT = SEQ_BITS + KEY_BITS; // 60

/** Entries that can share one sort bucket (same source and same first 7 folded characters). */
export const DIRECTORY_BUCKET_SIZE = 1n << SEQ_BITS;

/**
 * Row ids of `directory_entries` (the FTS5 rowids) are not arbitrary: they
 * encode the search order, so a search walks the FTS5 doclist in rowid order
 * and stops after `limit` hits instead of ranking every match (at 1 000 000
 * entries a two-letter prefix matches ~100 000 rows; ranking them all with
 * bm25 or sorting them by name costs ~100 ms, walking 20 of them < 1 ms).
 *
 * ```
 *   bit 63..62  0
 *   bit 61..60  source     internal 0, personal 1, system 2, global 3 (group order)
 *   bit 59..23  sort key   first 7 characters of the folded display name, base 39
 *   bit 22..0   sequence   insertion order inside the bucket (8 388 608 slots)
 * ```
 *
 * So `ORDER BY rowid` = by directory in group order, then alphabetically by
 * the first 7 letters of the display name (case and diacritics folded, so
 * "Müller" sorts with "Muller"), then oldest first. Each source is one rowid
 * range ({@link sourceRowIdRange}), which FTS5 filters without touching the
 * content table. Values exceed 2^53: always handle them as `bigint`
 * (statements that read them use `safeIntegers()`).
 */
export function bucketOf(source: DirectorySource, displayName: string): bigint {
  return (SOURCE_INDEX[source] << KEY_BITS) | sortKey(displayName);
}

/** First row id of a bucket from {@link bucketOf}. */
export function bucketStart(bucket: bigint): bigint {
  return bucket << SEQ_BITS;
}

/** The bucket a row id belongs to. */
export function bucketOfRowId(rowId: bigint): bigint {
  return rowId >> SEQ_BITS;
}

/** Inclusive row-id range of one source. */
export function sourceRowIdRange(source: DirectorySource): { first: bigint; last: bigint } {
  const first = SOURCE_INDEX[source] << SOURCE_SHIFT;
  return { first, last: first + (1n << SOURCE_SHIFT) - 1n };
}

/** The source index stored in bits 60–61 (used by the schema's CHECK). */
export function sourceIndexOf(source: DirectorySource): number {
  return Number(SOURCE_INDEX[source]);
}

/**
 * Order-preserving integer of the first {@link KEY_CHARS} characters of the
 * display name after folding (NFKD, marks removed, lower case, ß → ss);
 * leading non-alphanumerics are skipped so "(Reception)" sorts under R.
 */
export function sortKey(displayName: string): bigint {
  const folded = displayName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/^[^\p{L}\p{N}]+/u, '');
  let key = 0n;
  let count = 0;
  for (const char of folded) {
    if (count === KEY_CHARS) break;
    key = key * KEY_BASE + BigInt(symbolOf(char));
    count += 1;
  }
  // Pad with "end" symbols (0) so "Mo" < "Moe" < "Mona".
  for (; count < KEY_CHARS; count += 1) key *= KEY_BASE;
  return key;
}

function symbolOf(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x30 && code <= 0x39) return 2 + (code - 0x30); // digits 2..11
  if (code >= 0x61 && code <= 0x7a) return 12 + (code - 0x61); // a..z 12..37
  if (/[\p{L}\p{N}]/u.test(char)) return 38; // other scripts after Latin
  return 1; // space and punctuation: word break, before any letter
}
