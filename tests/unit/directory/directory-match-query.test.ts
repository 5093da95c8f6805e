import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS, directoryMatchQuery } from '../../../src-main/core/features/directory/directory-match-query';

describe('directoryMatchQuery', () => {
  it('makes every word a quoted prefix, all required', () => {
    expect(directoryMatchQuery('mul')).toEqual({ names: '"mul"*' });
    expect(directoryMatchQuery('  bru   mül ')).toEqual({ names: '"bru"* "mül"*' });
  });

  it('drops a trailing * (explicit wildcard) and words without letters or digits', () => {
    expect(directoryMatchQuery('mül*')).toEqual({ names: '"mül"*' });
    expect(directoryMatchQuery('mül** - ( )')).toEqual({ names: '"mül"*' });
    expect(directoryMatchQuery('*** ---')).toBeUndefined();
    expect(directoryMatchQuery('')).toBeUndefined();
    expect(directoryMatchQuery(' \t\n')).toBeUndefined();
  });

  it('keeps FTS5 syntax as text inside quoted strings', () => {
    expect(directoryMatchQuery('NEAR(a b)')).toEqual({ names: '"NEAR(a"* "b)"*' });
    expect(directoryMatchQuery('a OR b')).toEqual({ names: '"a"* "OR"* "b"*' });
    expect(directoryMatchQuery('say "hi"')).toEqual({ names: '"say"* """hi"""*' });
    expect(directoryMatchQuery('col:^x')).toEqual({ names: '"col:^x"*' });
  });

  it('turns control characters into word breaks', () => {
    expect(directoryMatchQuery('mul\u0000bru')).toEqual({ names: '"mul"* "bru"*' });
  });

  it(`uses at most ${MAX_QUERY_WORDS} words`, () => {
    const query = directoryMatchQuery(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '));
    expect(query?.names.split(' ')).toHaveLength(MAX_QUERY_WORDS);
  });

  it('searches digits of number-like queries in both indexes, with and without a 00 prefix', () => {
    expect(directoryMatchQuery('0612')).toEqual({ names: '"0612"*', numbers: '"0612"*' });
    expect(directoryMatchQuery('+49 (89) 7007-98')).toEqual({ names: '"4989700798"*', numbers: '"4989700798"*' });
    expect(directoryMatchQuery('0049 89')).toEqual({ names: '"004989"*', numbers: '"004989"* OR "4989"*' });
    expect(directoryMatchQuery('00')).toEqual({ names: '"00"*', numbers: '"00"*' });
    expect(directoryMatchQuery('+')).toBeUndefined();
    // Letters make it a name query.
    expect(directoryMatchQuery('3M')).toEqual({ names: '"3M"*' });
  });
});
