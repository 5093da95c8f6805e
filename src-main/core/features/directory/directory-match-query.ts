/** At most this many words of a query are used (bounds the cost of a pasted paragraph). */
export const MAX_QUERY_WORDS = 8;

/** A query made only of digits and the formatting characters of SPEC C5 (`+()/-:;.`, spaces). */
const NUMBER_LIKE = /^[\d\s+()/\-:;.]+$/u;
/** unicode61 token characters: letters, numbers, private use (https://www.sqlite.org/fts5.html#unicode61_tokenizer). */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;

/** FTS5 MATCH expressions for the name index and, for a number-like query, the number index. */
export interface DirectoryMatch {
  /** for `directory_fts` (names, company) */
  names: string;
  /** for `directory_number_fts` (digits of the numbers); absent unless the query is number-like */
  numbers?: string;
}

/**
 * Turns what the user typed into FTS5 MATCH expressions, or `undefined`
 * when there is nothing to search for (empty query → empty result).
 *
 * The user's text is never FTS5 syntax: every word becomes a quoted string
 * (embedded `"` doubled), so `AND`, `OR`, `NOT`, `NEAR`, `(`, `)`, `^`, `:`,
 * `-`, `+`, `*`, quotes… are plain text and the expression always parses
 * (https://www.sqlite.org/fts5.html#full_text_query_syntax).
 *
 * - Words: each is a prefix (`"mul"*`), all must match (implicit AND):
 *   "bru mul" finds "Bruno Müller". A trailing `*` (explicit wildcard, SPEC
 *   C2) means the same and is dropped; other punctuation inside a word splits
 *   it the way the tokenizer does, as a phrase (`"o'br"*` finds "O'Brien").
 *   Words without any letter or digit are ignored.
 * - Number-like queries ("0612", "+49 89", "(089) 7007"): the digits form one
 *   prefix, searched in the number index and the names, so formatting does not matter ("+4989" finds "+49 (89) 7007-98765");
 *   an international `00` dialing prefix also tries without it
 *   ("004989" → "004989"* OR "4989"*).
 *
 * Case and diacritics are folded by the index's tokenizer
 * (`unicode61 remove_diacritics 2`), which also tokenizes the query strings.
 */
export function directoryMatchQuery(input: string): DirectoryMatch | undefined {
  // Control characters separate words; a NUL would even end the FTS5 query
  // string early (C string) and leave a quote unterminated.
  const text = input.replace(/\p{Cc}/gu, ' ').trim();
  if (text === '') return undefined;

  if (NUMBER_LIKE.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits !== '') {
      const prefix = `"${digits}"*`;
      const numbers = digits.startsWith('00') && digits.length > 2 ? `${prefix} OR "${digits.slice(2)}"*` : prefix;
      // Names hold digits too, rarely ("3M", "Hotel 88").
      return { names: prefix, numbers };
    }
  }

  const phrases: string[] = [];
  for (const raw of text.split(/\s+/u)) {
    if (phrases.length === MAX_QUERY_WORDS) break;
    const word = raw.replace(/\*+$/u, '');
    if (!TOKEN_CHAR.test(word)) continue;
    phrases.push(`"${word.replace(/"/g, '""')}"*`);
  }
  return phrases.length === 0 ? undefined : { names: phrases.join(' ') };
}
