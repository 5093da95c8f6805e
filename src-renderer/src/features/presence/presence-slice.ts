/**
 * Presence slice (SPEC B1, B3, B6): the user's own presence as the engine
 * knows it (pushed on `presence.onDidChange`), the header selector's open
 * state, and presence.set with its error (e.g. offline: nothing changes).
 */
import type { IpcErrorCode, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { PresenceSetPayload, PresenceView } from '../../../../src-preload/contract/presence';
import type { SliceCreator } from '../../platform/store/app-state';

export interface PresenceSlice {
  /** null: not logged in, or not known yet */
  presence: PresenceView | null;
  presenceEditorOpen: boolean;
  presenceSaving: boolean;
  /** why the last change was refused (`presenceState.error.<code>` or `error.<code>`) */
  presenceError: IpcErrorCode | null;
  setPresence(view: PresenceView | null): void;
  refreshPresence(): Promise<void>;
  openPresenceEditor(): void;
  closePresenceEditor(): void;
  /** presence.set; true when the server took it (the editor closes) */
  changePresence(payload: PresenceSetPayload): Promise<boolean>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends PresenceSlice {}
}

export function createPresenceSlice(uc: UcApi): SliceCreator<PresenceSlice> {
  return (set, get) => ({
    presence: null,
    presenceEditorOpen: false,
    presenceSaving: false,
    presenceError: null,
    setPresence(view) {
      set({ presence: view });
    },
    async refreshPresence() {
      const result = await uc.invoke('presence.get', {});
      if (result.ok) set({ presence: result.value });
    },
    openPresenceEditor() {
      set({ presenceEditorOpen: true, presenceError: null, presenceSaving: false });
    },
    closePresenceEditor() {
      set({ presenceEditorOpen: false, presenceError: null, presenceSaving: false });
    },
    async changePresence(payload) {
      if (get().presenceSaving) return false;
      set({ presenceSaving: true, presenceError: null });
      const result = await uc.invoke('presence.set', payload);
      if (!result.ok) {
        set({ presenceSaving: false, presenceError: result.error.code });
        return false;
      }
      set({ presence: result.value, presenceSaving: false, presenceEditorOpen: false });
      return true;
    },
  });
}
