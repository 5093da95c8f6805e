import { describe, expect, it } from 'vitest';
import { LineBook } from '../../../server/src/features/lamps/line-book';

const fromAlice = { direction: 'recipient', remote: 'internal' } as const;

describe('LineBook', () => {
  it('follows a call from ringing to talking to its end', () => {
    const book = new LineBook();
    book.setRegistered('101', true);
    expect(book.lineOf('101')).toBe('idle');
    book.applyDialog('101', 'd1', 'early', fromAlice, 1);
    expect(book.lineOf('101')).toBe('ringing-internal');
    book.applyDialog('101', 'd1', 'confirmed', fromAlice, 2);
    expect(book.lineOf('101')).toBe('talking-internal');
    book.applyDialog('101', 'd1', 'terminated', fromAlice, 3);
    expect(book.lineOf('101')).toBe('idle');
  });

  it('never moves a dialog backwards, nor revives an ended one (PUBLISHes over UDP may cross)', () => {
    const book = new LineBook();
    book.setRegistered('101', true);
    book.applyDialog('101', 'd1', 'confirmed', fromAlice, 1);
    book.applyDialog('101', 'd1', 'early', fromAlice, 2);
    expect(book.lineOf('101')).toBe('talking-internal');
    book.applyDialog('101', 'd1', 'terminated', fromAlice, 3);
    book.applyDialog('101', 'd1', 'early', fromAlice, 4);
    expect(book.lineOf('101')).toBe('idle');
  });

  it('keeps several calls at once (force_single_dialog off)', () => {
    const book = new LineBook();
    book.setRegistered('101', true);
    book.applyDialog('101', 'd1', 'confirmed', fromAlice, 1);
    book.applyDialog('101', 'd2', 'early', { direction: 'recipient', remote: 'external' }, 2);
    expect(book.lineOf('101')).toBe('talking-internal');
    book.applyDialog('101', 'd1', 'terminated', fromAlice, 3);
    expect(book.lineOf('101')).toBe('ringing-external');
  });

  it('takes the dialog list of a reconcile for a line that disagrees and had no news meanwhile', () => {
    const book = new LineBook();
    book.setRegistered('101', true);
    book.applyDialog('101', 'd1', 'confirmed', fromAlice, 10);
    // the "terminated" was lost: Kamailio lists no call any more
    book.reconcileDialogs('101', new Map(), 20);
    expect(book.lineOf('101')).toBe('idle');
    // a reconcile that started before the last event does not undo it
    book.applyDialog('101', 'd2', 'early', fromAlice, 30);
    book.reconcileDialogs('101', new Map(), 25);
    expect(book.lineOf('101')).toBe('ringing-internal');
    book.reconcileDialogs('101', new Map([['dlg:1:2', { ...fromAlice, phase: 'confirmed' }]]), 40);
    expect(book.lineOf('101')).toBe('talking-internal');
    expect(book.hasReconciledDialogs('101')).toBe(true);
  });

  it("hands a ringing call over to the picker: later events of that dialog under the callee are the picker's", () => {
    const book = new LineBook();
    book.setRegistered('101', true);
    book.setRegistered('102', true);
    book.applyDialog('101', 'd1', 'early', fromAlice, 1);
    book.applyDialog('101', 'd2', 'confirmed', fromAlice, 1);
    expect(book.handOver('101', '102', 2)).toBe(true);
    // the ringing call moved; the call 101 was already talking in stays
    expect(book.lineOf('101')).toBe('talking-internal');
    expect(book.lineOf('102')).toBe('ringing-internal');
    expect(book.ownerOf('101', 'd1')).toBe('102');
    expect(book.ownerOf('100', 'd1')).toBe('100');
    book.applyDialog('101', 'd1', 'confirmed', fromAlice, 3);
    expect(book.lineOf('102')).toBe('talking-internal');
    book.applyDialog('101', 'd2', 'terminated', fromAlice, 4);
    expect(book.lineOf('101')).toBe('idle');
    book.applyDialog('101', 'd1', 'terminated', fromAlice, 5);
    expect(book.lineOf('102')).toBe('idle');
    expect(book.handOver('103', '102', 6)).toBe(false);
  });

  it('reads unknown numbers as unregistered', () => {
    expect(new LineBook().lineOf('999')).toBe('unregistered');
  });
});
