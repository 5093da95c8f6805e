import { describe, expect, it } from 'vitest';
import type { PopupVisibility } from '../../../../src-preload/contract/ipc-contract';
import { popupVisibilitySchema } from '../../../../src-preload/contract/ipc-contract';
import {
  decidePopupVisibility,
  POPUP_TIMED_MS,
  type PopupDecision,
  type RingingCall,
} from '../../../../src-preload/contract/desktop/popup-visibility';

const T0 = 1_700_000_000_000;
const SETTINGS = popupVisibilitySchema.options as readonly PopupVisibility[];

/** The expected decision, written out independently of the implementation's structure. */
function expected(setting: PopupVisibility, minimized: boolean, ringing: RingingCall[], now: number): PopupDecision {
  if (ringing.length === 0 || setting === 'never') return { action: 'hide' };
  const sorted = [...ringing].sort((a, b) => a.since - b.since);
  if (setting === 'always') return { action: 'show', callId: sorted[0]!.callId };
  if (setting === 'minimized-only')
    return minimized ? { action: 'show', callId: sorted[0]!.callId } : { action: 'hide' };
  const limit = setting === '5s' ? 5000 : 10_000;
  // a call stamped after `now` (clock went backwards) counts as just started
  const elapsed = (c: RingingCall): number => Math.max(0, now - c.since);
  const live = sorted.find((c) => elapsed(c) < limit);
  return live ? { action: 'show', callId: live.callId, hideAfterMs: limit - elapsed(live) } : { action: 'hide' };
}

describe('decidePopupVisibility', () => {
  it('covers every setting × window state × ringing set × elapsed time', () => {
    const ringingSets: RingingCall[][] = [
      [],
      [{ callId: 'a', since: T0 }],
      [
        { callId: 'b', since: T0 + 7000 },
        { callId: 'a', since: T0 },
      ],
    ];
    const elapsed = [0, 1, 4999, 5000, 5001, 9999, 10_000, 12_000, 16_999, 17_000, 60_000];
    let cases = 0;
    for (const setting of SETTINGS) {
      for (const minimized of [false, true]) {
        for (const ringing of ringingSets) {
          for (const e of elapsed) {
            const now = T0 + e;
            const got = decidePopupVisibility({ setting, mainWindowMinimized: minimized, ringing, now });
            expect(got, `${setting} minimized=${minimized} calls=${ringing.length} t=${e}`).toEqual(
              expected(setting, minimized, ringing, now),
            );
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(5 * 2 * 3 * 11);
  });

  it('has the five SPEC F2 settings', () => {
    expect([...SETTINGS].sort()).toEqual(['10s', '5s', 'always', 'minimized-only', 'never']);
    expect(POPUP_TIMED_MS).toEqual({ '5s': 5000, '10s': 10_000 });
  });

  it('5 s: shows with the remaining time, hides at exactly 5 s', () => {
    const ringing = [{ callId: 'a', since: T0 }];
    expect(decidePopupVisibility({ setting: '5s', mainWindowMinimized: false, ringing, now: T0 + 1200 })).toEqual({
      action: 'show',
      callId: 'a',
      hideAfterMs: 3800,
    });
    expect(decidePopupVisibility({ setting: '5s', mainWindowMinimized: false, ringing, now: T0 + 5000 })).toEqual({
      action: 'hide',
    });
  });

  it('a second call gets its own time after the first one ran out', () => {
    const ringing = [
      { callId: 'first', since: T0 },
      { callId: 'second', since: T0 + 8000 },
    ];
    expect(
      decidePopupVisibility({ setting: '10s', mainWindowMinimized: false, ringing, now: T0 + 9000 }),
    ).toMatchObject({
      callId: 'first',
      hideAfterMs: 1000,
    });
    expect(decidePopupVisibility({ setting: '10s', mainWindowMinimized: false, ringing, now: T0 + 10_000 })).toEqual({
      action: 'show',
      callId: 'second',
      hideAfterMs: 8000,
    });
  });

  it('a clock that went backwards counts as just started (never a negative or too long timer)', () => {
    const got = decidePopupVisibility({
      setting: '5s',
      mainWindowMinimized: false,
      ringing: [{ callId: 'a', since: T0 }],
      now: T0 - 3000,
    });
    expect(got).toEqual({ action: 'show', callId: 'a', hideAfterMs: 5000 });
  });

  it('minimized-only ignores time; never ignores everything', () => {
    const ringing = [{ callId: 'a', since: T0 }];
    expect(
      decidePopupVisibility({ setting: 'minimized-only', mainWindowMinimized: true, ringing, now: T0 + 3_600_000 }),
    ).toEqual({ action: 'show', callId: 'a' });
    expect(decidePopupVisibility({ setting: 'never', mainWindowMinimized: true, ringing, now: T0 })).toEqual({
      action: 'hide',
    });
  });
});
