/**
 * Directory search bench (issue #3, SPEC C2/K): p50/p95 of
 * `DirectoryCache.search` over 100 000 and 1 000 000 cached entries, against
 * the targets p95 <= 20 ms and <= 50 ms. Figures, never a pass/fail.
 *
 *   npx tsx tests/bench/search-bench.ts            (both sizes)
 *   BENCH_SEARCH_SIZES=100000 npx tsx tests/bench/search-bench.ts
 *
 * Entries are generated deterministically (seeded PRNG): names from syllable
 * lists with diacritics, companies, canonical numbers; 10 % internal, 2 %
 * personal, 1 % system, 87 % global. They are written through
 * `DirectoryCache.applyChanges` in pages of 10 000 (the sync engine's path,
 * one transaction per page, FTS5 triggers included) into a temporary on-disk
 * database (WAL), and the generation time is printed separately.
 *
 * Queries (>= 200 per size, mixed, drawn from the generated words so they
 * hit): 2-, 3- and 4-letter name prefixes, the same with diacritics removed
 * or added, a trailing `*`, two-word prefixes ("bru mül"), and digit
 * prefixes of numbers (national "0612…", international "+4989…"). Each query
 * is timed end to end (match expression, per-group rows, capped totals).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Change, DirectoryEntry } from '../../src-preload/contract/directory/directory-http';
import { openAccountDatabase } from '../../src-main/core/app/client-migrations';
import { DirectoryCache } from '../../src-main/core/features/directory/directory-cache';

const TARGETS: Record<number, number> = { 100_000: 20, 1_000_000: 50 };
const PAGE = 10_000;
const QUERIES = 240;

const FIRST_SYLLABLES = [
  'an',
  'bé',
  'bru',
  'car',
  'da',
  'é',
  'fran',
  'gé',
  'hé',
  'jo',
  'ka',
  'lu',
  'ma',
  'mi',
  'no',
  'pa',
  'ré',
  'sa',
  'so',
  'ti',
  'vé',
  'yo',
  'zo',
  'ch',
  'ág',
];
const NAME_SYLLABLES = [
  'no',
  'lia',
  'çois',
  'ne',
  'rie',
  'tin',
  'las',
  'ra',
  'ël',
  'do',
  'ko',
  'sé',
  'mo',
  'na',
  'ric',
  'lé',
  'us',
  'ia',
  'on',
  'ine',
];
const LAST_SYLLABLES = [
  'mül',
  'du',
  'le',
  'ber',
  'schmi',
  'gar',
  'ro',
  'ko',
  'wal',
  'fer',
  'ná',
  'øs',
  'sch',
  'bla',
  'vi',
  'pé',
  'hu',
  'stei',
  'kr',
  'mar',
];
const LAST_ENDINGS = [
  'ler',
  'pont',
  'nard',
  'dt',
  'cía',
  'ssi',
  'walski',
  'ter',
  'reira',
  'gy',
  'lund',
  'mann',
  'rand',
  'ger',
  'lani',
  'rez',
  'ber',
  'ner',
  'ez',
  'tin',
];
const COMPANY_WORDS = [
  'Alpha',
  'Bäckerei',
  'Crédit',
  'Delta',
  'Énergie',
  'Forst',
  'Garage',
  'Hôtel',
  'Industrie',
  'Jardin',
  'Kälte',
  'Logistik',
  'Métal',
  'Nordic',
  'Optique',
  'Pharmacie',
  'Quincaillerie',
  'Résidence',
  'Société',
  'Technik',
  'Union',
  'Verlag',
  'Werke',
  'Zürich',
];
const COMPANY_FORMS = ['SA', 'GmbH', 'SARL', 'AG', 'Ltd', '& Co', 'SAS', 'KG'];
const COUNTRIES = [
  { code: '33', areas: ['1', '4', '6', '7'], length: 8 },
  { code: '49', areas: ['89', '30', '40', '151', '171'], length: 7 },
  { code: '41', areas: ['44', '79', '22'], length: 7 },
  { code: '44', areas: ['20', '7700', '161'], length: 6 },
];

/** Deterministic PRNG (mulberry32) so every run generates the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function digits(random: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += Math.floor(random() * 10).toString();
  return out;
}

function canonicalNumber(random: () => number): string {
  const country = pick(random, COUNTRIES);
  const area = pick(random, country.areas);
  const rest = digits(random, country.length);
  return `+${country.code} (${area}) ${rest.slice(0, 3)}-${rest.slice(3)}`;
}

function generateEntry(random: () => number, index: number): DirectoryEntry {
  const roll = random();
  const source = roll < 0.1 ? 'internal' : roll < 0.12 ? 'personal' : roll < 0.13 ? 'system' : 'global';
  const firstName = capitalize(pick(random, FIRST_SYLLABLES) + pick(random, NAME_SYLLABLES));
  const lastName = capitalize(pick(random, LAST_SYLLABLES) + pick(random, LAST_ENDINGS));
  const company =
    source === 'internal' || random() < 0.3
      ? undefined
      : `${pick(random, COMPANY_WORDS)} ${capitalize(pick(random, LAST_SYLLABLES) + pick(random, LAST_ENDINGS))} ${pick(random, COMPANY_FORMS)}`;
  const numbers: DirectoryEntry['numbers'] = [];
  if (source === 'internal') numbers.push({ kind: 'internal', number: String(100 + index) });
  numbers.push({ kind: 'business', number: canonicalNumber(random) });
  if (random() < 0.5) numbers.push({ kind: 'mobile', number: canonicalNumber(random) });
  const entry: DirectoryEntry = {
    id: `${source}:${index}`,
    source,
    displayName: source === 'system' ? (company ?? `${firstName} ${lastName}`) : `${firstName} ${lastName}`,
    firstName,
    lastName,
    numbers,
    updatedAt: 1_700_000_000_000 + index,
  };
  if (company !== undefined) entry.company = company;
  return entry;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** Mixed queries drawn from generated entries (same seed), so most of them hit. */
function makeQueries(size: number): string[] {
  const random = prng(size ^ 0x5eed);
  const sample = (): DirectoryEntry => generateEntry(prng(Math.floor(random() * 1e9)), Math.floor(random() * size));
  const queries: string[] = [];
  for (let i = 0; queries.length < QUERIES && i < QUERIES * 4; i += 1) {
    const entry = sample();
    const first = entry.firstName ?? 'a';
    const last = entry.lastName ?? 'b';
    const number = entry.numbers.at(-1)!.number;
    const numberDigits = number.replace(/\D/g, '');
    switch (i % 8) {
      case 0:
        queries.push(last.slice(0, 2).toLowerCase());
        break;
      case 1:
        queries.push(last.slice(0, 3));
        break;
      case 2:
        queries.push(fold(first.slice(0, 4)).toLowerCase());
        break;
      case 3:
        queries.push(`${last.slice(0, 3)}*`);
        break;
      case 4:
        queries.push(`${first.slice(0, 3)} ${last.slice(0, 3)}`);
        break;
      case 5:
        queries.push(`0${numberDigits.slice(2, 6)}`);
        break;
      case 6:
        queries.push(`+${numberDigits.slice(0, 4)}`);
        break;
      default:
        queries.push(fold(last.slice(0, 4)).toUpperCase());
    }
  }
  return queries;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

async function benchSize(size: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-search-bench-'));
  try {
    const db = openAccountDatabase(join(dir, 'cache.db'));
    const cache = new DirectoryCache(db);
    const random = prng(size);
    const started = performance.now();
    let revision = 0;
    for (let offset = 0; offset < size; offset += PAGE) {
      const changes: Change[] = [];
      for (let i = offset; i < Math.min(size, offset + PAGE); i += 1) {
        revision += 1;
        const entry = generateEntry(random, i);
        changes.push({ revision, op: 'upsert', id: entry.id, entry });
      }
      cache.applyChanges(changes, revision);
      // Let other work (and Ctrl-C) through between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const generationS = (performance.now() - started) / 1000;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    console.log(
      `${size.toLocaleString('en')} entries: generated and indexed in ${generationS.toFixed(1)} s ` +
        `(${Math.round(size / generationS).toLocaleString('en')} entries/s, database ${((pageCount * pageSize) / 1e6).toFixed(0)} MB)`,
    );

    const queries = makeQueries(size);
    for (const query of queries.slice(0, 20)) cache.search(query); // warm the page cache
    const times: number[] = [];
    let hits = 0;
    let worst = { ms: 0, query: '' };
    for (const query of queries) {
      const t0 = performance.now();
      const result = cache.search(query);
      const ms = performance.now() - t0;
      times.push(ms);
      if (result.groups.length > 0) hits += 1;
      if (ms > worst.ms) worst = { ms, query };
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 0.5);
    const p95 = percentile(times, 0.95);
    const target = TARGETS[size];
    const verdict = target === undefined ? '' : `  (target p95 <= ${target} ms: ${p95 <= target ? 'met' : 'NOT met'})`;
    console.log(
      `${size.toLocaleString('en')} entries: search p50 ${p50.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms  ` +
        `max ${worst.ms.toFixed(2)} ms ("${worst.query}")  n=${times.length}, ${hits} with hits${verdict}`,
    );
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the bench for each size (env BENCH_SEARCH_SIZES, default "100000,1000000") and prints the figures. */
export async function runSearchBench(): Promise<void> {
  const sizes = (process.env.BENCH_SEARCH_SIZES ?? '100000,1000000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  // Figures depend on what else runs: say so next to them.
  const load = loadavg().map((l) => l.toFixed(1));
  console.log(`search bench: ${cpus().length} CPUs, load average ${load.join(' ')}, sizes ${sizes.join(', ')}`);
  for (const size of sizes) await benchSize(size);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runSearchBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
