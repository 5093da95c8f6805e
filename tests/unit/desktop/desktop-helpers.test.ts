import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../src-preload/contract/ipc-contract';
import {
  acceleratorParts,
  captureHotkey,
  type KeyLike,
} from '../../../src-renderer/src/features/desktop/hotkey/hotkey-capture';
import { isPopupVisible } from '../../../src-renderer/src/features/desktop/popup/popup-visibility';
import { telUriFor } from '../../../src-renderer/src/features/desktop/links/tel-uri';
import {
  missedCalls,
  notifyMissed,
  type NotifierDeps,
} from '../../../src-renderer/src/features/desktop/notifications/web-notifier';
import { parseTelephonyUri } from '../../../src-main/core/features/desktop/links/parse-telephony-uri';

const key = (partial: Partial<KeyLike>): KeyLike => ({
  key: 'a',
  code: 'KeyA',
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...partial,
});

describe('hotkey capture', () => {
  it('builds Electron accelerators from the physical key', () => {
    expect(captureHotkey(key({ key: 'F9', code: 'F9' }))).toEqual({ kind: 'accelerator', accelerator: 'F9' });
    // AZERTY: the key labelled "d" is KeyD whatever the layout
    expect(captureHotkey(key({ key: 'd', code: 'KeyD', ctrlKey: true, altKey: true }))).toEqual({
      kind: 'accelerator',
      accelerator: 'Control+Alt+D',
    });
    expect(captureHotkey(key({ key: '%', code: 'Digit5', ctrlKey: true, shiftKey: true }))).toEqual({
      kind: 'accelerator',
      accelerator: 'Control+Shift+5',
    });
    // the engine refuses these with a reason; the capture passes them on as they are
    expect(captureHotkey(key({ key: 'c', code: 'KeyC', ctrlKey: true }))).toEqual({
      kind: 'accelerator',
      accelerator: 'Control+C',
    });
    expect(captureHotkey(key({ key: 'd', code: 'KeyD', metaKey: true }))).toEqual({
      kind: 'accelerator',
      accelerator: 'Meta+D',
    });
  });

  it('waits on modifiers, leaves Tab/Esc alone, clears on Backspace', () => {
    expect(captureHotkey(key({ key: 'Control', code: 'ControlLeft', ctrlKey: true }))).toEqual({ kind: 'pending' });
    expect(captureHotkey(key({ key: 'Tab', code: 'Tab' }))).toEqual({ kind: 'ignore' });
    expect(captureHotkey(key({ key: 'Tab', code: 'Tab', shiftKey: true }))).toEqual({ kind: 'ignore' });
    expect(captureHotkey(key({ key: 'Escape', code: 'Escape' }))).toEqual({ kind: 'ignore' });
    expect(captureHotkey(key({ key: 'Backspace', code: 'Backspace' }))).toEqual({ kind: 'clear' });
  });

  it('splits accelerators into translatable modifier tokens', () => {
    expect(acceleratorParts('Control+Shift+5')).toEqual(['ctrl', 'shift', '5']);
    expect(acceleratorParts('F9')).toEqual(['F9']);
  });
});

describe('popup visibility', () => {
  const at = { seenAt: 1_000, pageHidden: false };
  it('always / never', () => {
    expect(isPopupVisible({ ...at, visibility: 'always', now: 1_000_000 })).toBe(true);
    expect(isPopupVisible({ ...at, visibility: 'never', now: 1_000 })).toBe(false);
  });
  it('5 s and 10 s hide after that time', () => {
    expect(isPopupVisible({ ...at, visibility: '5s', now: 5_999 })).toBe(true);
    expect(isPopupVisible({ ...at, visibility: '5s', now: 6_000 })).toBe(false);
    expect(isPopupVisible({ ...at, visibility: '10s', now: 10_999 })).toBe(true);
    expect(isPopupVisible({ ...at, visibility: '10s', now: 11_000 })).toBe(false);
  });
  it('minimized-only follows the page visibility', () => {
    expect(isPopupVisible({ ...at, visibility: 'minimized-only', now: 1_000 })).toBe(false);
    expect(isPopupVisible({ ...at, visibility: 'minimized-only', now: 1_000, pageHidden: true })).toBe(true);
  });
});

describe('tel: links of numbers shown in the app', () => {
  it('builds links the strict parser accepts and dials the same number', () => {
    for (const [number, dialed] of [
      ['+33 6 12 34 56 78', '+33612345678'],
      ['0033612345678', '+33612345678'],
      ['101', '101'],
    ] as const) {
      const url = telUriFor(number);
      expect(url, number).not.toBeNull();
      const parsed = parseTelephonyUri(url as string);
      expect(parsed.ok, `${url}`).toBe(true);
      if (parsed.ok) expect(parsed.number).toBe(dialed);
    }
  });
  it('no link for what is not a phone number', () => {
    expect(telUriFor('alice')).toBeNull();
    expect(telUriFor('')).toBeNull();
  });
});

describe('web notifier', () => {
  const base: CallView = {
    id: 'a',
    direction: 'incoming',
    peer: '102',
    peerName: 'Chloé',
    state: 'ringing-in',
    held: false,
    remoteHeld: false,
    muted: false,
    startedAt: 1,
  };
  const ended: CallView = { ...base, state: 'terminated', endReason: 'cancelled', endedAt: 2 };

  it('finds ringing calls that ended unanswered', () => {
    expect(missedCalls([base], [ended])).toHaveLength(1);
    expect(missedCalls([base], [{ ...ended, answeredAt: 2 }])).toHaveLength(0);
    expect(missedCalls([base], [{ ...ended, endReason: 'rejected' }])).toHaveLength(0);
    expect(missedCalls([], [ended])).toHaveLength(0);
  });

  it('notifies only while hidden and allowed', () => {
    const shown: string[] = [];
    const deps = (hidden: boolean, permission: NotificationPermission): NotifierDeps => ({
      isHidden: () => hidden,
      permission: () => permission,
      notify: (title, body) => shown.push(`${title}: ${body}`),
      translate: (k, v) => `${k}${v ? JSON.stringify(v) : ''}`,
      openHistory: () => {},
    });
    expect(notifyMissed([base], [ended], deps(false, 'granted'))).toBe(0);
    expect(notifyMissed([base], [ended], deps(true, 'default'))).toBe(0);
    expect(notifyMissed([base], [ended], deps(true, 'granted'))).toBe(1);
    expect(shown).toEqual(['notification.missedTitle: notification.missedBody{"peer":"Chloé"}']);
  });
});
