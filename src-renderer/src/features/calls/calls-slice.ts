/**
 * Calls slice: the engine's call list (pushed on `calls.onDidChange`), the
 * last dialed numbers, and the per-action errors shown next to the controls.
 */
import type {
  CallbackView,
  CallView,
  DirectoryEntryView,
  IpcErrorCode,
  IpcResult,
  RecentDialView,
  UcApi,
} from '../../../../src-preload/contract/ipc-contract';
import { isDialTargetError, type DialTargetError } from '../../../../src-preload/contract/calls/dial-target';
import type { DialScope } from '../../../../src-preload/contract/calls/dial-scope';
import type { SliceCreator } from '../../platform/store/app-state';

export interface CallsSlice {
  calls: CallView[];
  /** the last dialed numbers with their names when known, newest first */
  recent: RecentDialView[];
  dialError: IpcErrorCode | null;
  /** why the engine refused the target (IpcError.details of invalid-number): the Search/Dial field's own message */
  dialErrorReason: DialTargetError | null;
  /**
   * the call the server is placing for the user (dial mode, SPEC J4/B5): its progress view
   * ("Calling your desk phone…"); null: none
   */
  callback: CallbackView | null;
  setCallback(callback: CallbackView | null): void;
  refreshCallback(): Promise<void>;
  /** closes the callback's view (the call goes on, or ended, on the user's phone) */
  dismissCallback(id: string): Promise<void>;
  /** last failed in-call action (hold, mute, DTMF…) */
  callError: IpcErrorCode | null;
  /** the call whose transfer dialog is open (SPEC F2 Transfer, F3 blind transfer) */
  transferCallId: string | null;
  transferError: IpcErrorCode | null;
  /** call whose DTMF keypad is open, if any */
  keypadCallId: string | null;
  openKeypad(callId: string): void;
  closeKeypad(): void;
  /** opens the transfer dialog here (main window) */
  openTransfer(callId: string): void;
  /** from the popup: shows the main window, which opens the dialog (calls.onDidRequestTransfer) */
  requestTransfer(callId: string): Promise<void>;
  closeTransfer(): void;
  /** deflects (ringing) or blind-transfers (answered) the call; true when done */
  transfer(callId: string, target: string): Promise<boolean>;
  deflectToVoicemail(callId: string): Promise<void>;
  /** attended transfer: connects the parties of two answered calls (SPEC F3) */
  transferToCall(callId: string, targetCallId: string): Promise<boolean>;
  /** consultation (SPEC F3): holds the call so a second one can be dialed; true when held */
  consult(callId: string): Promise<boolean>;
  /** alternate (SPEC F3): holds the active call(s) and resumes this held one */
  alternate(callId: string): Promise<void>;
  /** conference from consultation (SPEC F3): joins this call and the other one; the media host mixes them */
  conference(callId: string, otherCallId: string): Promise<void>;
  /** leaves the local conference: the others stay connected to each other */
  leaveConference(conferenceId: string): Promise<void>;
  /** directory entries with numbers matching `query` (transfer targets), best first */
  searchTransferTargets(query: string, limit: number): Promise<DirectoryEntryView[]>;
  /**
   * @param name who is called, when the user picked a directory entry or contact (call card, journal)
   * @param scope the answer to "internal or external?"; without it an ambiguous number opens that question
   */
  dial(target: string, name?: string, scope?: DialScope): Promise<boolean>;
  /** a number that may be internal or external, waiting for the user's answer (SPEC C5) */
  dialScopeQuestion: { target: string; number: string; name?: string } | null;
  /** the answer: dials it as internal or external; null cancels */
  answerDialScope(scope: DialScope | null): Promise<boolean>;
  /**
   * SPEC D3: takes the call ringing at colleague `number` (the engine answers it here once the servers
   * re-target it); a failure is a toast — 'not-found' says the call was answered or ended meanwhile.
   */
  pickup(number: string): Promise<boolean>;
  answer(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  setHold(callId: string, hold: boolean): Promise<void>;
  setMuted(callId: string, muted: boolean): Promise<void>;
  sendDtmf(callId: string, tones: string): Promise<void>;
  setCalls(calls: CallView[]): void;
  refreshCalls(): Promise<void>;
  refreshRecent(): Promise<void>;
  clearDialError(): void;
}

declare module '../../platform/store/app-state' {
  interface AppState extends CallsSlice {}
  interface MenuTabs {
    calls: true;
    history: true;
  }
}

/** The message of a failed pickup: its own words for 'not-found' (nothing rings there any more), else the shared error. */
export function pickupErrorKey(code: IpcErrorCode): string {
  return code === 'not-found' ? 'pickup.error.not-found' : `error.${code}`;
}

export function createCallsSlice(uc: UcApi): SliceCreator<CallsSlice> {
  return (set, get) => {
    const act = async (run: () => Promise<IpcResult<unknown>>) => {
      const result = await run();
      set({ callError: result.ok ? null : result.error.code });
    };
    return {
      calls: [],
      recent: [],
      dialError: null,
      dialErrorReason: null,
      callback: null,
      callError: null,
      transferCallId: null,
      transferError: null,
      keypadCallId: null,

      openKeypad(callId) {
        set({ keypadCallId: callId });
      },
      closeKeypad() {
        set({ keypadCallId: null });
      },

      async dial(target, name, scope) {
        const trimmed = target.trim();
        if (!trimmed) return false;
        set({ dialError: null, dialErrorReason: null, dialScopeQuestion: null });
        const who = name?.trim();
        const result = await uc.invoke('calls.dial', {
          target: trimmed,
          ...(who ? { name: who } : {}),
          ...(scope ? { scope } : {}),
        });
        if (!result.ok && result.error.code === 'ambiguous-number' && scope === undefined) {
          // details[0]: the number as the engine read it ("3212 3456" → "32123456")
          const number = result.error.details?.[0] ?? trimmed;
          set({ dialScopeQuestion: { target: trimmed, number, ...(who ? { name: who } : {}) } });
          return false;
        }
        if (!result.ok) {
          const reason = result.error.details?.[0];
          set({ dialError: result.error.code, dialErrorReason: isDialTargetError(reason) ? reason : null });
          return false;
        }
        // the server places it (dial mode): show its progress now, events follow
        if (result.value.callback) set({ callback: result.value.callback });
        // The search that found the callee is done with: left in the field, its results would
        // open again over the call card when the focus comes back (e.g. from the contact details).
        get().clearSearch();
        void get().refreshRecent();
        return true;
      },
      dialScopeQuestion: null,
      async answerDialScope(scope) {
        const question = get().dialScopeQuestion;
        set({ dialScopeQuestion: null });
        if (question === null || scope === null) return false;
        return get().dial(question.target, question.name, scope);
      },
      setCallback(callback) {
        set({ callback });
      },
      async refreshCallback() {
        const result = await uc.invoke('calls.getCallback', {});
        if (result.ok) set({ callback: result.value });
      },
      async dismissCallback(id) {
        set((s) => (s.callback?.id === id ? { callback: null } : {}));
        await uc.invoke('calls.dismissCallback', { id });
      },
      async pickup(number) {
        const result = await uc.invoke('calls.pickup', { number });
        if (result.ok) return true;
        get().showToast({ kind: 'pickup-error', key: pickupErrorKey(result.error.code) });
        return false;
      },
      answer: (callId) => act(() => uc.invoke('calls.answer', { callId })),
      reject: (callId) => act(() => uc.invoke('calls.reject', { callId })),
      hangup: (callId) => act(() => uc.invoke('calls.hangup', { callId })),
      setHold: (callId, hold) => act(() => uc.invoke('calls.setHold', { callId, hold })),
      setMuted: (callId, muted) => act(() => uc.invoke('calls.setMuted', { callId, muted })),
      sendDtmf: (callId, tones) => act(() => uc.invoke('calls.sendDtmf', { callId, tones })),

      openTransfer(callId) {
        set({ transferCallId: callId, transferError: null });
      },
      requestTransfer: (callId) => act(() => uc.invoke('calls.openTransfer', { callId })),
      closeTransfer() {
        set({ transferCallId: null, transferError: null });
      },
      async transfer(callId, target) {
        const trimmed = target.trim();
        if (!trimmed) return false;
        set({ transferError: null });
        const result = await uc.invoke('calls.transfer', { callId, target: trimmed });
        if (!result.ok) {
          set({ transferError: result.error.code });
          return false;
        }
        set({ transferCallId: null });
        void get().refreshRecent();
        return true;
      },
      deflectToVoicemail: (callId) => act(() => uc.invoke('calls.deflectToVoicemail', { callId })),
      async transferToCall(callId, targetCallId) {
        set({ transferError: null });
        const result = await uc.invoke('calls.transferToCall', { callId, targetCallId });
        if (!result.ok) {
          set({ transferError: result.error.code });
          return false;
        }
        set({ transferCallId: null });
        return true;
      },
      async consult(callId) {
        const result = await uc.invoke('calls.setHold', { callId, hold: true });
        set({ callError: result.ok ? null : result.error.code });
        return result.ok;
      },
      async alternate(callId) {
        for (const other of get().calls) {
          if (other.id !== callId && other.state === 'established') {
            const held = await uc.invoke('calls.setHold', { callId: other.id, hold: true });
            if (!held.ok) {
              set({ callError: held.error.code });
              return;
            }
          }
        }
        await act(() => uc.invoke('calls.setHold', { callId, hold: false }));
      },
      conference: (callId, otherCallId) => act(() => uc.invoke('calls.conference', { callId, otherCallId })),
      leaveConference: (conferenceId) => act(() => uc.invoke('calls.leaveConference', { conferenceId })),
      async searchTransferTargets(query, limit) {
        const result = await uc.invoke('directory.search', { query, limit });
        if (!result.ok) return [];
        return result.value.groups
          .flatMap((g) => g.entries)
          .filter((e) => e.numbers.length > 0)
          .slice(0, limit);
      },

      setCalls(calls) {
        // the dialog of a call that ended (caller hung up, answered elsewhere) has nothing left to do
        const open = get().transferCallId;
        const live =
          open === null || calls.some((c) => c.id === open && c.state !== 'terminated' && c.state !== 'terminating');
        set(live ? { calls } : { calls, transferCallId: null, transferError: null });
      },
      async refreshCalls() {
        const result = await uc.invoke('calls.list', {});
        if (!result.ok) return;
        get().noteCalls(result.value);
        set({ calls: result.value });
      },
      async refreshRecent() {
        const result = await uc.invoke('dial.getRecent', {});
        if (result.ok) set({ recent: result.value.slice(0, 10) });
      },
      clearDialError() {
        set({ dialError: null, dialErrorReason: null });
      },
    };
  };
}
