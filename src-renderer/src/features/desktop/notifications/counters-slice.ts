/**
 * Counters and notifications (SPEC A6, G4): the missed-call counter the
 * engine keeps (counters.*; unread messages and new voicemails are counted
 * by their own slices), opening the history (marks the missed calls seen),
 * and where a click on a system notification leads.
 */
import type { CountersView, NotificationActivation, UcApi } from '../../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../../../src-preload/contract/platform';
import type { SliceCreator } from '../../../platform/store/app-state';

export interface CountersSlice {
  missedCalls: number;
  setCounters(counters: CountersView): void;
  refreshCounters(): Promise<void>;
  markMissedSeen(): Promise<void>;
  openHistory(): void;
  notificationActivated(activation: NotificationActivation): void;
}

declare module '../../../platform/store/app-state' {
  interface AppState extends CountersSlice {}
}

export function createCountersSlice(uc: UcApi): SliceCreator<CountersSlice> {
  return (set, get) => ({
    missedCalls: 0,
    setCounters(counters) {
      set({ missedCalls: counters.missedCalls });
    },
    async refreshCounters() {
      const result = await uc.invoke('counters.get', {});
      if (result.ok) set({ missedCalls: result.value.missedCalls });
    },
    async markMissedSeen() {
      if (get().missedCalls === 0) return;
      set({ missedCalls: 0 });
      const result = await uc.invoke('counters.markSeen', { kind: 'missed-calls' });
      if (result.ok) set({ missedCalls: result.value.missedCalls });
    },
    openHistory() {
      get().setView('main');
      get().setMenuTab('history');
      void get().markMissedSeen();
    },
    notificationActivated(activation) {
      switch (activation.kind) {
        case 'missed-call':
          get().openHistory();
          return;
        // ---- message (SPEC E6)
        case 'message':
          if (activation.peer) void get().openConversation(activation.peer);
          else get().openHistory();
          return;
        // ---- voicemail (SPEC H)
        case 'voicemail':
          get().openVoicemail();
          return;
        default:
          assertNever(activation.kind, 'unknown notification kind');
      }
    },
  });
}
