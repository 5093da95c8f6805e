import { describe, expect, it } from 'vitest';
import type { CallView, PopupStateView } from '../../../../src-preload/contract/ipc-contract';
import { PopupController } from '../../../../src-main/core/features/desktop/popup/popup-controller';
import { ManualClock } from '../../../support/manual-clock';

function call(id: string, state: CallView['state']): CallView {
  return {
    id,
    direction: 'incoming',
    peer: '102',
    state,
    held: false,
    remoteHeld: false,
    muted: false,
    startedAt: 0,
  };
}

function setup(setting: ConstructorParameters<typeof PopupController>[0]['setting']) {
  const clock = new ManualClock();
  const changes: PopupStateView[] = [];
  const popup = new PopupController({ clock, setting, onDidChange: (s) => changes.push(s) });
  return { clock, changes, popup };
}

describe('PopupController', () => {
  it('always: shows while ringing, hides when answered; reports only changes', () => {
    const { popup, changes } = setup('always');
    popup.updateCalls([call('a', 'ringing-in')]);
    popup.updateCalls([call('a', 'ringing-in')]);
    expect(popup.state).toEqual({ visible: true, callId: 'a' });
    popup.updateCalls([call('a', 'established')]);
    expect(changes).toEqual([{ visible: true, callId: 'a' }, { visible: false }]);
  });

  it('5 s: hides by itself after 5 s of ringing, timer cleared when answered before', () => {
    const { popup, changes, clock } = setup('5s');
    popup.updateCalls([call('a', 'ringing-in')]);
    clock.advance(4999);
    expect(popup.state.visible).toBe(true);
    clock.advance(1);
    expect(popup.state.visible).toBe(false);
    expect(changes).toEqual([{ visible: true, callId: 'a' }, { visible: false }]);

    popup.updateCalls([call('b', 'ringing-in')]);
    clock.advance(1000);
    popup.updateCalls([call('b', 'established')]);
    expect(clock.pending).toBe(0);
  });

  it('the ringing time counts from when the call started ringing, not from the last update', () => {
    const { popup, clock } = setup('10s');
    popup.updateCalls([call('a', 'ringing-in')]);
    clock.advance(6000);
    popup.updateCalls([call('a', 'ringing-in'), call('x', 'established')]);
    clock.advance(4000);
    expect(popup.state.visible).toBe(false);
  });

  it('minimized-only follows the main window; a settings change applies at once', () => {
    const { popup, changes } = setup('minimized-only');
    popup.updateCalls([call('a', 'ringing-in')]);
    expect(popup.state.visible).toBe(false);
    popup.setMainWindowMinimized(true);
    expect(popup.state).toEqual({ visible: true, callId: 'a' });
    popup.setSetting('never');
    expect(popup.state.visible).toBe(false);
    popup.setSetting('always');
    popup.setMainWindowMinimized(false);
    expect(changes.map((c) => c.visible)).toEqual([true, false, true]);
  });

  it('dispose stops the timer and further reports', () => {
    const { popup, changes, clock } = setup('5s');
    popup.updateCalls([call('a', 'ringing-in')]);
    popup.dispose();
    expect(clock.pending).toBe(0);
    popup.updateCalls([]);
    expect(changes).toHaveLength(1);
  });
});
