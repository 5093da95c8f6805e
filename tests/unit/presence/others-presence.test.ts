/**
 * OthersPresence (engine side of SPEC B4): watched colleagues are fetched
 * once, followed live (only the watched ones, coalesced), fetched again when
 * the socket reopens, and forgotten at logout; nothing is invented offline.
 */
import { describe, expect, it } from 'vitest';
import { OthersPresence, type OthersPresenceChange } from '../../../src-main/core/features/presence';
import { TypedEmitter } from '../../../src-main/core/platform/typed-emitter';
import { UcClientError } from '../../../src-main/core/platform/uc/uc-client-error';
import type { LiveEvent } from '../../../src-preload/contract/ipc-contract';
import type { PresenceListResponse, PresenceOf } from '../../../src-preload/contract/presence';
import { ManualClock } from '../../support/manual-clock';

function setup() {
  const clock = new ManualClock();
  const stored = new Map<string, PresenceOf>([
    ['101', { number: '101', visible: true, state: 'office' }],
    ['102', { number: '102', visible: false }],
  ]);
  const asked: string[][] = [];
  let down = false;
  const transport = {
    async listPresence(numbers: readonly string[]): Promise<PresenceListResponse> {
      if (down) throw new UcClientError('unreachable', 'down');
      asked.push([...numbers]);
      return { presences: numbers.flatMap((n) => (stored.has(n) ? [stored.get(n)!] : [])) };
    },
  };
  const received = new TypedEmitter<LiveEvent>();
  const socketState = new TypedEmitter<string>();
  const others = new OthersPresence({ clock, coalesceMs: 10 });
  const changes: OthersPresenceChange[] = [];
  others.onDidChange((c) => changes.push(c));
  const detach = others.attach({
    transport,
    live: { onDidReceive: received.event, onDidChangeState: socketState.event },
  });
  return { clock, stored, asked, others, changes, received, socketState, detach, setDown: (d: boolean) => (down = d) };
}

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('OthersPresence', () => {
  it('fetches what is not known yet, once; hidden users stay hidden; unknown numbers are left out', async () => {
    const t = setup();
    expect(await t.others.watch(['101', '102', '999'])).toEqual([
      { number: '101', visible: true, state: 'office' },
      { number: '102', visible: false },
    ]);
    expect(await t.others.watch(['101'])).toEqual([{ number: '101', visible: true, state: 'office' }]);
    expect(t.asked).toEqual([['101', '102', '999']]);
  });

  it('follows live changes of watched numbers only, coalesced into one request', async () => {
    const t = setup();
    await t.others.watch(['101', '102']);
    t.changes.length = 0;
    t.stored.set('101', { number: '101', visible: true, state: 'meeting', note: 'Budget' });
    t.stored.set('102', { number: '102', visible: true, state: 'lunch' });
    t.received.fire({ type: 'others-presence-changed', numbers: ['101'] });
    t.received.fire({ type: 'others-presence-changed', numbers: ['102'] });
    t.received.fire({ type: 'others-presence-changed', numbers: ['555'] });
    t.clock.advance(10);
    await settle();
    expect(t.asked.at(-1)).toEqual(['101', '102']);
    expect(t.changes).toEqual([
      {
        presences: [
          { number: '101', visible: true, state: 'meeting', note: 'Budget' },
          { number: '102', visible: true, state: 'lunch' },
        ],
      },
    ]);
  });

  it('asks again for every watched number when the socket reopens', async () => {
    const t = setup();
    await t.others.watch(['101']);
    t.stored.set('101', { number: '101', visible: true, state: 'dnd' });
    t.socketState.fire('open');
    t.clock.advance(10);
    await settle();
    expect(t.changes.at(-1)).toEqual({ presences: [{ number: '101', visible: true, state: 'dnd' }] });
  });

  it('offline: answers what it knows and never throws; logout forgets everything', async () => {
    const t = setup();
    await t.others.watch(['101']);
    t.setDown(true);
    expect(await t.others.watch(['101', '102'])).toEqual([{ number: '101', visible: true, state: 'office' }]);
    t.detach();
    expect(t.changes.at(-1)).toEqual({ presences: [], cleared: true });
    expect(await t.others.watch(['101'])).toEqual([]);
  });
});
