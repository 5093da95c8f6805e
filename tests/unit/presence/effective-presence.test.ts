import { describe, expect, it } from 'vitest';
import { effectivePresence } from '../../../server/src/features/presence/presence-service';
import type { PresenceTable } from '../../../server/src/features/presence/presence-tables';

const row: PresenceTable = {
  account_id: 1,
  state: 'vacation',
  return_at: 2_000,
  note: 'Back Monday',
  visibility: 'internal',
  updated_at: 1_000,
};

describe('effectivePresence (server, SPEC B6)', () => {
  it('before the return time: the stored state, return time and note', () => {
    expect(effectivePresence(row, 1_999)).toEqual({
      state: 'vacation',
      returnAt: 2_000,
      note: 'Back Monday',
      visibility: 'internal',
      updatedAt: 1_000,
    });
  });

  it('from the return time on: office, no return time or note, visibility kept, changed at the return time', () => {
    expect(effectivePresence(row, 2_000)).toEqual({ state: 'office', visibility: 'internal', updatedAt: 2_000 });
    expect(effectivePresence(row, 9_999)).toEqual({ state: 'office', visibility: 'internal', updatedAt: 2_000 });
  });

  it('without a return time the state stays, whatever the time', () => {
    expect(effectivePresence({ ...row, return_at: null, note: null }, 1e15)).toEqual({
      state: 'vacation',
      visibility: 'internal',
      updatedAt: 1_000,
    });
  });
});
