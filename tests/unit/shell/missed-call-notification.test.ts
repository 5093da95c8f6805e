import { describe, expect, it } from 'vitest';
import type { MissedCallNotice } from '../../../src-main/core/app/shell-backend';
import type { NotificationActivation } from '../../../src-preload/contract/ipc-contract';
import {
  missedCallNotificationText,
  wireMissedCallNotifications,
} from '../../../src-main/shell/missed-call-notification';

const notice: MissedCallNotice = { callId: 'c1', peer: '100', peerName: 'Alice Martin', at: 1, missedCalls: 1 };

describe('desktop missed-call notification (SPEC G4)', () => {
  it('names the caller, or the number without a name, EN and FR', () => {
    expect(missedCallNotificationText(notice, 'en')).toEqual({
      title: 'Missed call',
      body: 'Alice Martin called you.',
    });
    const fr = missedCallNotificationText({ ...notice, peerName: undefined }, 'fr');
    expect(fr.title).not.toBe('Missed call');
    expect(fr.body).toContain('100');
  });

  it('a click shows the window and opens that call in the history; nothing when unsupported', () => {
    let fire: ((n: MissedCallNotice) => void) | undefined;
    const activations: NotificationActivation[] = [];
    const clicks: Array<() => void> = [];
    let created = 0;
    let shownWindow = 0;
    const wire = (supported: boolean) =>
      wireMissedCallNotifications({
        backend: {
          onDidMissCall: (listener) => {
            fire = listener;
            return () => (fire = undefined);
          },
          reportNotificationActivation: (a) => activations.push(a),
        },
        isSupported: () => supported,
        create: () => {
          created += 1;
          return {
            on: (event, listener) => {
              if (event === 'click') clicks.push(listener);
            },
            show: () => undefined,
          };
        },
        showMainWindow: () => (shownWindow += 1),
        language: () => 'en',
      });

    const disposeUnsupported = wire(false);
    fire!(notice);
    expect(created).toBe(0);
    disposeUnsupported();

    const dispose = wire(true);
    fire!(notice);
    expect(created).toBe(1);
    clicks[0]!();
    expect(shownWindow).toBe(1);
    expect(activations).toEqual([{ kind: 'missed-call', callId: 'c1', peer: '100' }]);
    dispose();
    expect(fire).toBeUndefined();
  });
});
