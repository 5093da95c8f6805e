import { describe, expect, it } from 'vitest';
import { parseDialTarget } from '../../../../src-preload/contract/calls/dial-target';
import {
  MAX_SELECTION_LENGTH,
  selectionMessageFor,
  selectionToNumber,
  type SelectionError,
} from '../../../../src-main/core/features/desktop/hotkey/selection-to-number';

describe('selectionToNumber', () => {
  it.each([
    // [selection, number, source]
    ['+33 1 23 45 67 89', '+33123456789', 'text'],
    ['  +33 1 23 45 67 89 \n', '+33123456789', 'text'],
    ['Tel.: +49 (89) 7007-98765', '+4989700798765', 'text'],
    ['Tel.: +49 (0)89 7007-98765', '+4989700798765', 'text'],
    ['Please call 0049 89 7007 98765 before noon.', '+4989700798765', 'text'],
    ['Alice Martin\nSales\nPhone: +1 (201) 555-0123\nFax: +1 (201) 555-0199', '+12015550123', 'text'],
    ['ext. 101', '101', 'text'],
    ['101', '101', 'text'],
    ['*21#', '*21#', 'text'],
    ['1-800-FLOWERS', '18003569377', 'vanity'],
    ['+1 800 FLOWERS', '+18003569377', 'vanity'],
    ['0800 PIZZA 2', '0800749922', 'vanity'],
    ['tel:+1-201-555-0123', '+12015550123', 'link'],
    ['sip:alice@example.com', 'sip:alice@example.com', 'link'],
    ['＋３３ １ ２３ ４５ ６７ ８９', '+33123456789', 'text'],
    ['+33\u00a01\u00a023\u00a045\u00a067\u00a089', '+33123456789', 'text'],
    ['+33\u200b1 23 45 67 89', '+33123456789', 'text'],
    ['On 22.11.2026 at 10.30 call +33 1 23 45 67 89', '+33123456789', 'text'],
  ])('%j → %s', (selection, number, source) => {
    const result = selectionToNumber(selection);
    expect(result).toMatchObject({ ok: true, number, source });
    if (result.ok) expect(parseDialTarget(result.number)).toMatchObject({ ok: true, canonical: number });
  });

  it('uses the default region for national numbers', () => {
    expect(selectionToNumber('Tél. 01 23 45 67 89', { defaultRegion: 'FR' })).toMatchObject({
      ok: true,
      number: '+33123456789',
      display: '+33 1 23 45 67 89',
    });
    expect(selectionToNumber('Tél. 01 23 45 67 89')).toMatchObject({ ok: true, number: '0123456789' });
  });

  it('does not turn addresses or lower-case words into vanity numbers', () => {
    // "123 Main Street" is not a number: its run "123" is an extension-sized run, not "123 6246…"
    expect(selectionToNumber('123 Main Street')).toMatchObject({ ok: true, number: '123', source: 'text' });
    expect(selectionToNumber('1-800-flowers')).toMatchObject({ ok: true, number: '1800', source: 'text' });
  });

  it.each<[unknown, SelectionError]>([
    ['', 'empty'],
    ['   \n\t ', 'empty'],
    [undefined, 'empty'],
    ['x'.repeat(MAX_SELECTION_LENGTH + 1), 'too-long'],
    ['Hello world', 'no-number'],
    ['see page 7', 'no-number'],
    ['Meeting on 22.11.2026', 'no-number'],
    ['+999 123', 'invalid-number'],
    ['+33 1 23 45 67 89 12 34 56 78 90 12 34 56 78 90 12 34', 'invalid-number'],
    ['tel:1234', 'invalid-number'],
    ['+1 999 ZZ', 'invalid-number'],
  ])('refuses %j (%s)', (selection, reason) => {
    const result = selectionToNumber(selection);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok && !String(selection).startsWith('tel:')) expect(result.message).toBe(selectionMessageFor(reason));
  });

  it('stays fast on hostile selections (bounded work)', () => {
    const start = performance.now();
    for (const text of ['1-'.repeat(999), '1 '.repeat(999) + 'x', '(((('.repeat(499), '1'.repeat(2000)]) {
      selectionToNumber(text);
    }
    expect(performance.now() - start).toBeLessThan(500);
  });
});
