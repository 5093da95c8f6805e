/**
 * The Search/Dial field's offer and Enter rules (issue #8): "mul" + Enter
 * calls the first match instead of trying to dial letters, and "Call …" is
 * offered exactly when the engine would dial the text, with the engine's own
 * reason otherwise.
 */
import { describe, expect, it } from 'vitest';
import { parseDialTarget } from '../../../src-preload/contract/calls/dial-target';
import type { DirectoryEntryView, DirectorySearchResult } from '../../../src-preload/contract/ipc-contract';
import {
  dialErrorKey,
  dialOfferFor,
  enterActionFor,
  searchItemsFor,
} from '../../../src-renderer/src/features/directory/search-items';

const entry = (id: string, displayName: string, numbers: string[]): DirectoryEntryView => ({
  id,
  source: 'internal',
  displayName,
  numbers: numbers.map((number) => ({ kind: 'internal', number })),
  updatedAt: 1,
});
const bruno = entry('internal:101', 'Bruno Müller', ['101']);
const noNumber = entry('global:7', 'Muller SA', []);
const results = (...entries: DirectoryEntryView[]): DirectorySearchResult => ({
  groups: [{ source: 'internal', entries, total: entries.length }],
});

describe('the "Call …" offer', () => {
  it('is made for what the engine dials, refused with its reason for number-like text it does not', () => {
    expect(dialOfferFor('101')).toEqual({ kind: 'call', number: '101' });
    expect(dialOfferFor(' +33 1 23 45 67 89 ')).toEqual({ kind: 'call', number: '+33 1 23 45 67 89' });
    expect(dialOfferFor('*21#')).toEqual({ kind: 'call', number: '*21#' });
    expect(dialOfferFor('sip:alice@example.com')).toEqual({ kind: 'call', number: 'sip:alice@example.com' });
    // the defect: 40 digits were offered as "Call …", then refused by the engine
    expect(dialOfferFor('1'.repeat(40))).toEqual({ kind: 'refusal', reason: 'too-long' });
    expect(dialOfferFor('1')).toEqual({ kind: 'refusal', reason: 'invalid-number' });
    // a name search, not a number: no offer and no refusal
    expect(dialOfferFor('mul')).toBeNull();
    expect(dialOfferFor('12ab')).toBeNull();
    expect(dialOfferFor('   ')).toBeNull();
  });

  it('agrees with the engine for every number-like input (one validator)', () => {
    const inputs = [
      '10',
      '1'.repeat(32),
      '1'.repeat(33),
      '0033 1 23 45 67 89',
      '+33 6',
      '00',
      '(089) 7007-98765',
      '+1',
    ];
    for (const input of inputs) {
      const parsed = parseDialTarget(input);
      const offer = dialOfferFor(input);
      expect(offer, input).toEqual(
        parsed.ok ? { kind: 'call', number: input } : { kind: 'refusal', reason: parsed.reason },
      );
    }
  });

  it('the refusal after dialing anyway shows the offer row message', () => {
    expect(dialErrorKey('invalid-number', 'too-long')).toBe('dial.invalid.too-long');
    expect(dialErrorKey('not-registered', null)).toBe('error.not-registered');
  });
});

describe('Enter in the Search/Dial field', () => {
  it('with letters and nothing highlighted calls the first match that has a number', () => {
    const items = searchItemsFor('mul', results(noNumber, bruno));
    expect(enterActionFor('mul', items, -1, false)).toEqual({ kind: 'call', item: { type: 'entry', entry: bruno } });
  });

  it('calls the highlighted row, or opens a contact without a number', () => {
    const items = searchItemsFor('mul', results(bruno, noNumber));
    expect(enterActionFor('mul', items, 0, false)).toEqual({ kind: 'call', item: items[0] });
    expect(enterActionFor('mul', items, 1, false)).toEqual({ kind: 'details', entry: noNumber });
    expect(enterActionFor('mul', searchItemsFor('mul', results(noNumber)), -1, false)).toEqual({
      kind: 'details',
      entry: noNumber,
    });
  });

  it('says there is no match instead of dialing letters; waits for a search still running', () => {
    expect(enterActionFor('xyz', searchItemsFor('xyz', results()), -1, false)).toEqual({ kind: 'no-match' });
    // a mistyped number matching nobody: the engine says why it cannot be dialed
    expect(enterActionFor('12ab', searchItemsFor('12ab', results()), -1, false)).toEqual({
      kind: 'dial',
      text: '12ab',
    });
    expect(enterActionFor('mul', [], -1, true)).toEqual({ kind: 'search-first' });
  });

  it('hands numbers to the engine as typed (it dials or says why), and a sip: address is called', () => {
    expect(enterActionFor('101', searchItemsFor('101', null), -1, false)).toEqual({ kind: 'dial', text: '101' });
    expect(enterActionFor('1'.repeat(40), [], -1, false)).toEqual({ kind: 'dial', text: '1'.repeat(40) });
    const sip = 'sip:alice@example.com';
    expect(enterActionFor(sip, searchItemsFor(sip, results()), -1, true)).toEqual({
      kind: 'call',
      item: { type: 'dial', number: sip },
    });
    expect(enterActionFor('  ', [], -1, false)).toEqual({ kind: 'nothing' });
  });
});
