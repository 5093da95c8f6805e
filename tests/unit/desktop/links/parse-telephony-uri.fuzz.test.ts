/**
 * Fuzz run of parseTelephonyUri: 1 000 000 generated inputs (4 generators ×
 * 250 000, bounded loops), seeded so any failure reproduces:
 *   FUZZ_SEED=<seed printed in the failure> npx vitest run --project unit tests/unit/links/parse-telephony-uri.fuzz.test.ts
 *
 * Properties: it never throws; refusals carry a reason and a message; every
 * accepted input is accepted by an independent reference predicate — for tel:
 * a regular expression transcribed directly from the RFC 3966 §3 ABNF (not from
 * the parser), for sip: one from the RFC 3261 §25.1 SIP-URI ABNF (no headers),
 * for callto: the documented phone-number forms — and its number is dialable.
 */
import { describe, expect, it } from 'vitest';
import { parseDialTarget } from '../../../../src-preload/contract/calls/dial-target';
import { parseTelephonyUri } from '../../../../src-main/core/features/desktop/links/parse-telephony-uri';

// ---------------------------------------------------------------- reference predicates

/** RFC 3966 §3, rule by rule. ABNF quoted strings are case-insensitive, hence the `i` flag. */
const TEL_REFERENCE = (() => {
  const DIGIT = '[0-9]';
  const HEXDIG = '[0-9A-F]';
  const ALPHA = '[A-Z]';
  const alphanum = `(?:${ALPHA}|${DIGIT})`;
  const visualSeparator = '[-.()]';
  const phonedigit = `(?:${DIGIT}|${visualSeparator})`;
  const phonedigitHex = `(?:${HEXDIG}|\\*|#|${visualSeparator})`;
  const globalNumberDigits = `\\+${phonedigit}*${DIGIT}${phonedigit}*`;
  const localNumberDigits = `${phonedigitHex}*(?:${HEXDIG}|\\*|#)${phonedigitHex}*`;
  const domainlabel = `(?:${alphanum}|${alphanum}(?:${alphanum}|-)*${alphanum})`;
  const toplabel = `(?:${ALPHA}|${ALPHA}(?:${alphanum}|-)*${alphanum})`;
  const domainname = `(?:${domainlabel}\\.)*${toplabel}\\.?`;
  const descriptor = `(?:${domainname}|${globalNumberDigits})`;
  const context = `;phone-context=${descriptor}`;
  const mark = "[-_.!~*'()]";
  const unreserved = `(?:${alphanum}|${mark})`;
  const pctEncoded = `%${HEXDIG}${HEXDIG}`;
  const paramUnreserved = '[\\[\\]/:&+$]';
  const paramchar = `(?:${paramUnreserved}|${unreserved}|${pctEncoded})`;
  const pname = `(?:${alphanum}|-)+`;
  const pvalue = `${paramchar}+`;
  const parameter = `;${pname}(?:=${pvalue})?`;
  const reserved = '[;/?:@&=+$,]';
  const uric = `(?:${reserved}|${unreserved}|${pctEncoded})`;
  const isdnSubaddress = `;isub=${uric}+`;
  const extension = `;ext=${phonedigit}+`;
  const par = `(?:${parameter}|${extension}|${isdnSubaddress})`;
  const globalNumber = `${globalNumberDigits}${par}*`;
  const localNumber = `${localNumberDigits}${par}*${context}${par}*`;
  return new RegExp(`^tel:(?:${globalNumber}|${localNumber})$`, 'i');
})();

/** RFC 3261 §25.1 SIP-URI / SIPS-URI without headers; IPv6 references left out (refused by design). */
const SIP_REFERENCE = (() => {
  const alphanum = '[A-Z0-9]';
  const mark = "[-_.!~*'()]";
  const unreserved = `(?:${alphanum}|${mark})`;
  const escaped = '%[0-9A-F]{2}';
  const userUnreserved = '[&=+$,;?/]';
  const user = `(?:${unreserved}|${escaped}|${userUnreserved})+`;
  const password = `(?:${unreserved}|${escaped}|[&=+$,])*`;
  const userinfo = `${user}(?::${password})?@`;
  const domainlabel = `(?:${alphanum}|${alphanum}(?:${alphanum}|-)*${alphanum})`;
  const toplabel = `(?:[A-Z]|[A-Z](?:${alphanum}|-)*${alphanum})`;
  const hostname = `(?:${domainlabel}\\.)*${toplabel}\\.?`;
  const ipv4 = '[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}';
  const hostport = `(?:${hostname}|${ipv4})(?::[0-9]+)?`;
  const paramchar = `(?:[\\[\\]/:&+$]|${unreserved}|${escaped})`;
  const uriParameter = `${paramchar}+(?:=${paramchar}+)?`;
  return new RegExp(`^sips?:(?:${userinfo})?${hostport}(?:;${uriParameter})*$`, 'i');
})();

/** The documented callto: forms: "+" global digits or digits/*\/#, visual separators, optional "//". */
const CALLTO_REFERENCE = /^callto:(?:\/\/)?(?:\+[-.()]*[0-9][-.()0-9]*|[-.()*#0-9]*[0-9][-.()*#0-9]*)$/i;

function referenceAccepts(input: string): boolean {
  if (/^tel:/i.test(input)) return TEL_REFERENCE.test(input);
  if (/^sips?:/i.test(input)) return SIP_REFERENCE.test(input);
  if (/^callto:/i.test(input)) return CALLTO_REFERENCE.test(input);
  return false;
}

// ---------------------------------------------------------------- seeded generators

/** mulberry32: small, fast, deterministic. */
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

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, items: readonly T[]): T => items[int(r, items.length)] as T;

const SEEDS = [
  'tel:+1-201-555-0123',
  'tel:7042;phone-context=example.com',
  'tel:863-1234;phone-context=+1-914-555',
  'tel:+1-201-555-0123;ext=1234',
  'tel:+358-555-1234567;postd=pp22',
  'tel:+33-1-23-45-67-89;isub=12%41;foo=bar',
  'tel:*21#;phone-context=pbx.example.org',
  'tel:1-23-45-67-89;phone-context=+33',
  'callto:+4989700798765',
  'callto://101',
  'sip:alice@example.com',
  'sip:101@10.0.0.1:5061;transport=tls',
  'sips:+4989700798765@pbx.example.org;user=phone',
];
const FRAGMENTS = [
  ';ext=',
  ';isub=',
  ';phone-context=',
  ';phone-context=+',
  ';phone-context=example.com',
  '%41',
  '%0a',
  '%00',
  '%',
  '%2',
  '--',
  ' --gpu-launcher=',
  '\n',
  '\u0000',
  '\u200b',
  '\u202e',
  '\u00a0',
  '?',
  '@',
  ':',
  '//',
  '..',
  '()',
  'tel:',
  'sip:',
  ';',
  '=',
  '+',
  '#',
  '*',
  'A',
  'é',
  '１',
];
const INTERESTING = '+-.()*#;=%:@?/,"\'<>[]&$!~_ 0123456789abcdefABCDEFxyzXYZ\t\n\u0000\u007f';

function randomBytes(r: Rand): string {
  const length = int(r, 80);
  let s = '';
  for (let i = 0; i < length; i++) {
    const roll = r();
    s += String.fromCharCode(roll < 0.85 ? int(r, 128) : roll < 0.97 ? int(r, 256) : 0x80 + int(r, 0x2fff));
  }
  // Half of them behind a scheme, or they would all be "unsupported-scheme".
  return r() < 0.5 ? pick(r, ['tel:', 'TEL:', 'sip:', 'sips:', 'callto:', 'callto://']) + s : s;
}

function mutate(r: Rand): string {
  let s = pick(r, SEEDS);
  const rounds = 1 + int(r, 4);
  for (let round = 0; round < rounds; round++) {
    const at = int(r, s.length + 1);
    switch (int(r, 7)) {
      case 0: // insert an interesting character
        s = s.slice(0, at) + pick(r, [...INTERESTING]) + s.slice(at);
        break;
      case 1: // delete a character
        s = s.slice(0, at) + s.slice(at + 1);
        break;
      case 2: // insert a grammar fragment
        s = s.slice(0, at) + pick(r, FRAGMENTS) + s.slice(at);
        break;
      case 3: // replace a character
        s = s.slice(0, at) + pick(r, [...INTERESTING]) + s.slice(at + 1);
        break;
      case 4: // duplicate a slice
        s = s.slice(0, at) + s.slice(int(r, s.length), at) + s.slice(at);
        break;
      case 5: // flip case of a character
        s = s.slice(0, at) + (s[at] ?? '').toUpperCase() + s.slice(at + 1);
        break;
      default: // truncate
        s = s.slice(0, Math.max(at, 4));
    }
  }
  return s;
}

function separatorSoup(r: Rand): string {
  const parts = [pick(r, ['tel:', 'tel:+', 'callto:', 'callto://+', 'sip:', 'tel:+1'])];
  const length = 1 + int(r, 30);
  for (let i = 0; i < length; i++) {
    parts.push(r() < 0.8 ? pick(r, [...'0123456789-.()*#+']) : pick(r, FRAGMENTS));
  }
  return parts.join('');
}

/** Strings generated *from* the RFC 3966 grammar (valid by construction). */
function grammarTel(r: Rand): string {
  const sep = (): string => (r() < 0.3 ? pick(r, ['-', '.', '(', ')']) : '');
  const digits = (n: number, alphabet: string): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += pick(r, [...alphabet]) + sep();
    return s;
  };
  const label = (): string => pick(r, ['a', 'b', 'x1', 'pbx', 'ex-ample']);
  const params: string[] = [];
  const count = int(r, 3);
  for (let i = 0; i < count; i++) {
    params.push(
      pick(r, [
        `;ext=${digits(1 + int(r, 5), '0123456789')}`,
        `;isub=${pick(r, ['12', '%41b', 'a/b?c', "x:y@z&=+$,-_.!~*'()"])}`,
        `;${pick(r, ['foo', 'postd', 'x-y', 'A1'])}${r() < 0.5 ? '' : `=${pick(r, ['bar', '[1]', '%7e', 'a/b:c&d+e$'])}`}`,
      ]),
    );
  }
  if (r() < 0.5)
    return `${pick(r, ['tel:', 'TEL:', 'Tel:'])}+${digits(1 + int(r, 14), '0123456789')}${params.join('')}`;
  const context =
    r() < 0.5 ? `${label()}.${pick(r, ['com', 'org', 'example'])}` : `+${digits(1 + int(r, 4), '0123456789')}`;
  params.splice(int(r, params.length + 1), 0, `;phone-context=${context}`);
  return `tel:${digits(1 + int(r, 8), '0123456789ABCDEFabcdef*#')}${params.join('')}`;
}

// ---------------------------------------------------------------- the run

const SEED = Number(process.env['FUZZ_SEED'] ?? 0x5eed3966);
const PER_GENERATOR = 250_000;

interface Stats {
  accepted: number;
  refused: number;
}

function run(
  name: string,
  seedOffset: number,
  generate: (r: Rand) => string,
  allowedRefusals?: ReadonlySet<string>,
): Stats {
  const r = prng(SEED + seedOffset);
  const stats: Stats = { accepted: 0, refused: 0 };
  const dialChecked = new Map<string, boolean>();
  for (let i = 0; i < PER_GENERATOR; i++) {
    const input = generate(r);
    let result;
    try {
      result = parseTelephonyUri(input);
    } catch (error) {
      throw new Error(`[${name}] seed ${SEED} #${i}: threw on ${JSON.stringify(input)}: ${String(error)}`);
    }
    if (!result.ok) {
      stats.refused++;
      if (!result.reason || !result.message) throw new Error(`[${name}] bare refusal for ${JSON.stringify(input)}`);
      if (allowedRefusals !== undefined && !allowedRefusals.has(result.reason)) {
        throw new Error(
          `[${name}] seed ${SEED} #${i}: refused grammatical ${JSON.stringify(input)} (${result.reason})`,
        );
      }
      continue;
    }
    stats.accepted++;
    if (result.raw !== input || !referenceAccepts(input)) {
      throw new Error(`[${name}] seed ${SEED} #${i}: accepted outside the grammar: ${JSON.stringify(input)}`);
    }
    let dialOk = dialChecked.get(result.number);
    if (dialOk === undefined) {
      dialOk = parseDialTarget(result.number).ok;
      if (dialChecked.size < 50_000) dialChecked.set(result.number, dialOk);
    }
    if (!dialOk) throw new Error(`[${name}] accepted an undialable number: ${JSON.stringify(input)}`);
  }
  return stats;
}

describe('parseTelephonyUri fuzz (1 000 000 inputs, seed ' + SEED + ')', () => {
  it('the reference predicate accepts what the RFC 3966 grammar generates, and rejects classic non-URIs', () => {
    const r = prng(SEED);
    for (let i = 0; i < 20_000; i++) {
      const uri = grammarTel(r);
      if (!TEL_REFERENCE.test(uri)) throw new Error(`reference rejects grammatical ${JSON.stringify(uri)}`);
    }
    for (const bad of [
      'tel:1234',
      'tel:+',
      'tel:+1 2',
      'tel:+1;ext=',
      'tel:12;phone-context=example.1com',
      'tel:+1;=a',
    ]) {
      expect(TEL_REFERENCE.test(bad), bad).toBe(false);
    }
  });

  it('random bytes: no throw, nothing outside the grammar', { timeout: 60_000 }, () => {
    const stats = run('random-bytes', 1, randomBytes);
    expect(stats.accepted + stats.refused).toBe(PER_GENERATOR);
  });

  it('mutations of valid URIs: no throw, nothing outside the grammar', { timeout: 60_000 }, () => {
    const stats = run('mutations', 2, mutate);
    // Enough accepted inputs that the grammar check really ran.
    expect(stats.accepted).toBeGreaterThan(10_000);
    expect(stats.refused).toBeGreaterThan(10_000);
  });

  it('separator soup: no throw, nothing outside the grammar', { timeout: 60_000 }, () => {
    const stats = run('separator-soup', 3, separatorSoup);
    expect(stats.accepted).toBeGreaterThan(1_000);
  });

  it('grammar-generated tel: URIs: no throw; accepted ones match the reference', { timeout: 60_000 }, () => {
    // A grammatical URI may only be refused for what the parser adds on top of the grammar.
    const allowed = new Set(['not-dialable', 'too-long', 'duplicate-parameter']);
    const stats = run('grammar', 4, grammarTel, allowed);
    // Many are not dialable (hex local numbers, impossible lengths, duplicate ext/isub), some are.
    expect(stats.accepted).toBeGreaterThan(PER_GENERATOR / 20);
  });
});
