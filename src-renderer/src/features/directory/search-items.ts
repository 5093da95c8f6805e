/**
 * What the Search/Dial field offers for its text, and what Enter does with it
 * (SPEC C2, F1). Pure functions, so the rules are unit-tested without a DOM.
 *
 * - "Call <number>" is offered only for text the engine will dial: the same
 *   {@link parseDialTarget} decides both (issue #8: a 40-digit number was
 *   offered, then refused). Number-like text that is not dialable shows the
 *   reason instead, with the message the engine's refusal shows.
 * - Enter calls the highlighted row; with nothing highlighted, the first row
 *   that can be called (the "Call" offer, or the first directory match with a
 *   number: "mul" + Enter calls Bruno Müller). Letters with no match say so
 *   rather than trying to dial the letters; with digits among them ("12ab")
 *   the text goes to the engine, which says why it is not a number.
 */
import { parseDialTarget, type DialTargetError } from '../../../../src-preload/contract/calls/dial-target';
import type {
  DirectoryEntryView,
  DirectorySearchResult,
  IpcErrorCode,
} from '../../../../src-preload/contract/ipc-contract';

/** One keyboard-navigable row of the results. */
export type SearchItem = { type: 'dial'; number: string } | { type: 'entry'; entry: DirectoryEntryView };

/** What the field offers for a number-like text. */
export type DialOffer = { kind: 'call'; number: string } | { kind: 'refusal'; reason: DialTargetError };

/** Something to search by name: it has a letter or a `*` wildcard (digits only = a number to dial). */
export function isNameQuery(query: string): boolean {
  return /[\p{L}*]/u.test(query);
}

/** Something that looks like a phone number (digits with + ( ) / - . and spaces). */
export function isNumberQuery(query: string): boolean {
  const value = query.trim();
  return /\d/.test(value) && /^\+?[\d\s()/\-.]+$/.test(value);
}

/**
 * "Call <number>" when the engine would dial the text (a number, a service
 * code, a sip: address); the reason it would not for number-like text;
 * nothing for a name search or an empty field.
 */
export function dialOfferFor(query: string): DialOffer | null {
  const text = query.trim();
  if (text === '') return null;
  const parsed = parseDialTarget(text);
  if (parsed.ok) return { kind: 'call', number: text };
  return isNumberQuery(text) ? { kind: 'refusal', reason: parsed.reason } : null;
}

/** The rows in keyboard order: the "Call" offer first, then the matches group by group. */
export function searchItemsFor(query: string, results: DirectorySearchResult | null): SearchItem[] {
  const items: SearchItem[] = [];
  const offer = dialOfferFor(query);
  if (offer?.kind === 'call') items.push({ type: 'dial', number: offer.number });
  for (const group of results?.groups ?? []) for (const entry of group.entries) items.push({ type: 'entry', entry });
  return items;
}

/** What Enter (without Shift) does. */
export type EnterAction =
  /** call this row: the offer's number, or the entry's first number */
  | { kind: 'call'; item: SearchItem }
  /** the entry has no number: show its details (they say so) */
  | { kind: 'details'; entry: DirectoryEntryView }
  /** not a name: hand the text to the engine, which dials it or says why not */
  | { kind: 'dial'; text: string }
  /** the name search has not answered yet: run it now, then decide again */
  | { kind: 'search-first' }
  /** letters (and no digit) that match nobody */
  | { kind: 'no-match' }
  | { kind: 'nothing' };

/**
 * @param activeIndex the highlighted row in `items`, -1 for none
 * @param searching a name search for `query` is pending or running
 */
export function enterActionFor(
  query: string,
  items: readonly SearchItem[],
  activeIndex: number,
  searching: boolean,
): EnterAction {
  if (query.trim() === '') return { kind: 'nothing' };
  const active = activeIndex >= 0 ? items[activeIndex] : undefined;
  if (active) return actionFor(active);
  if (!isNameQuery(query)) return { kind: 'dial', text: query };
  const callable = items.find((item) => item.type === 'dial' || item.entry.numbers.length > 0);
  if (callable) return { kind: 'call', item: callable };
  if (searching) return { kind: 'search-first' };
  const first = items[0];
  if (first) return actionFor(first);
  // digits mixed with letters ("12ab") matching nobody are a mistyped number: the engine says what is wrong
  return /\d/.test(query) ? { kind: 'dial', text: query } : { kind: 'no-match' };
}

function actionFor(item: SearchItem): EnterAction {
  if (item.type === 'entry' && item.entry.numbers.length === 0) return { kind: 'details', entry: item.entry };
  return { kind: 'call', item };
}

/**
 * The i18n key of a dial refusal: the reason's own message when the engine
 * gave one (the same one the offer row shows), else the generic error.
 */
export function dialErrorKey(code: IpcErrorCode, reason: DialTargetError | null): string {
  return reason !== null ? `dial.invalid.${reason}` : `error.${code}`;
}
