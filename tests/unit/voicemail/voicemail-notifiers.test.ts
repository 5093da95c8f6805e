import { describe, expect, it } from 'vitest';
import type { VoicemailNotice } from '../../../src-main/core/features/voicemail/voicemail-service';
import type { NotificationActivation } from '../../../src-preload/contract/ipc-contract';
import type { VoicemailView } from '../../../src-preload/contract/voicemail';
import { notifyNewVoicemails } from '../../../src-renderer/src/features/voicemail/voicemail-notifier';
import { voicemailNotificationText, wireVoicemailNotifications } from '../../../src-main/shell/voicemail-notification';

const notice: VoicemailNotice = {
  id: 'a',
  callerNumber: '100',
  callerName: 'Alice Martin',
  receivedAt: 1,
  durationMs: 65_000,
  newCount: 1,
};

describe('desktop voicemail notification', () => {
  it('says who and how long, EN and FR', () => {
    expect(voicemailNotificationText(notice, 'en')).toEqual({
      title: 'New voice message',
      body: 'From Alice Martin (1:05)',
    });
    expect(voicemailNotificationText({ ...notice, callerName: undefined }, 'fr').body).toBe('De 100 (1:05)');
  });

  it('a click shows the window and opens the voicemail list', () => {
    let fire: ((n: VoicemailNotice) => void) | undefined;
    const activations: NotificationActivation[] = [];
    const clicks: Array<() => void> = [];
    let shownWindow = 0;
    const dispose = wireVoicemailNotifications({
      backend: {
        onDidReceiveVoicemail: (listener) => {
          fire = listener;
          return () => (fire = undefined);
        },
        reportNotificationActivation: (a) => activations.push(a),
      },
      isSupported: () => true,
      create: () => ({
        on: (event, listener) => {
          if (event === 'click') clicks.push(listener);
        },
        show: () => undefined,
      }),
      showMainWindow: () => (shownWindow += 1),
      language: () => 'en',
    });
    fire!(notice);
    expect(clicks).toHaveLength(1);
    clicks[0]!();
    expect(shownWindow).toBe(1);
    expect(activations).toEqual([{ kind: 'voicemail', peer: '100' }]);
    dispose();
    expect(fire).toBeUndefined();
  });
});

describe('web voicemail notifier', () => {
  const v = (id: string, listened = false): VoicemailView => ({
    id,
    callerNumber: '100',
    receivedAt: 1,
    durationMs: 3000,
    listened,
  });
  const deps = (hidden: boolean, shown: string[]) => ({
    isHidden: () => hidden,
    permission: () => 'granted' as const,
    notify: (title: string, body: string) => shown.push(`${title}|${body}`),
    translate: (key: string, values?: Record<string, string>) => `${key}${values ? JSON.stringify(values) : ''}`,
    openVoicemail: () => undefined,
  });

  it('announces only new unlistened messages, once the list was loaded, while hidden', () => {
    const shown: string[] = [];
    expect(notifyNewVoicemails([], [v('a')], false, deps(true, shown))).toBe(0);
    expect(notifyNewVoicemails([v('a')], [v('b'), v('c', true), v('a')], true, deps(true, shown))).toBe(1);
    expect(shown).toEqual(['voicemail.notificationTitle|voicemail.notificationBody{"caller":"100","duration":"0:03"}']);
    expect(notifyNewVoicemails([], [v('d')], true, deps(false, shown))).toBe(0);
  });
});
