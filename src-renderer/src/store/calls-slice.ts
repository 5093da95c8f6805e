/**
 * Calls slice: the engine's call list (pushed on `calls.onDidChange`), the
 * last dialed numbers, and the per-action errors shown next to the controls.
 */
import type { StateCreator } from 'zustand';
import type { CallView, IpcErrorCode, IpcResult, UcApi } from '../../../src-preload/contract/ipc-contract';
import type { AppState } from './app-store';

export interface CallsSlice {
  calls: CallView[];
  recent: string[];
  dialError: IpcErrorCode | null;
  /** last failed in-call action (hold, mute, DTMF…) */
  callError: IpcErrorCode | null;
  dial(target: string): Promise<boolean>;
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

export function createCallsSlice(uc: UcApi): StateCreator<AppState, [], [], CallsSlice> {
  return (set, get) => {
    const act = async (run: () => Promise<IpcResult<unknown>>) => {
      const result = await run();
      set({ callError: result.ok ? null : result.error.code });
    };
    return {
      calls: [],
      recent: [],
      dialError: null,
      callError: null,

      async dial(target) {
        const trimmed = target.trim();
        if (!trimmed) return false;
        set({ dialError: null });
        const result = await uc.invoke('calls.dial', { target: trimmed });
        if (!result.ok) {
          set({ dialError: result.error.code });
          return false;
        }
        void get().refreshRecent();
        return true;
      },
      answer: (callId) => act(() => uc.invoke('calls.answer', { callId })),
      reject: (callId) => act(() => uc.invoke('calls.reject', { callId })),
      hangup: (callId) => act(() => uc.invoke('calls.hangup', { callId })),
      setHold: (callId, hold) => act(() => uc.invoke('calls.setHold', { callId, hold })),
      setMuted: (callId, muted) => act(() => uc.invoke('calls.setMuted', { callId, muted })),
      sendDtmf: (callId, tones) => act(() => uc.invoke('calls.sendDtmf', { callId, tones })),

      setCalls(calls) {
        set({ calls });
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
        set({ dialError: null });
      },
    };
  };
}
