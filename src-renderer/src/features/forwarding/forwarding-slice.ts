/**
 * Forwarding slice (SPEC J3, B2): the user's forwarding rules as the engine
 * knows them (pushed on `forwarding.onDidChange`), saving them with the
 * server's refusal, and the header's quick "off" of the immediate rule.
 */
import type { ForwardingRules, ForwardingView } from '../../../../src-preload/contract/forwarding';
import type { IpcErrorCode, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../platform/store/app-state';

/** Why the last change was refused: the code, and the server's words (which rule) when it said. */
export interface ForwardingError {
  code: IpcErrorCode;
  message?: string;
}

export interface ForwardingSlice {
  /** null: not logged in, or not known yet */
  forwarding: ForwardingView | null;
  forwardingSaving: boolean;
  forwardingError: ForwardingError | null;
  /** the rules were just saved (Settings says so until the next edit) */
  forwardingSaved: boolean;
  setForwarding(view: ForwardingView | null): void;
  refreshForwarding(): Promise<void>;
  /** forwarding.set; true when the server took it */
  saveForwarding(rules: ForwardingRules): Promise<boolean>;
  /** the header's "off": the immediate rule disabled, its target kept */
  immediateForwardingOff(): Promise<boolean>;
  forwardingEdited(): void;
}

declare module '../../platform/store/app-state' {
  interface AppState extends ForwardingSlice {}
}

export function createForwardingSlice(uc: UcApi): SliceCreator<ForwardingSlice> {
  return (set, get) => ({
    forwarding: null,
    forwardingSaving: false,
    forwardingError: null,
    forwardingSaved: false,
    setForwarding(view) {
      set({ forwarding: view });
    },
    async refreshForwarding() {
      const result = await uc.invoke('forwarding.get', {});
      if (result.ok) set({ forwarding: result.value });
    },
    async saveForwarding(rules) {
      if (get().forwardingSaving) return false;
      set({ forwardingSaving: true, forwardingError: null, forwardingSaved: false });
      const result = await uc.invoke('forwarding.set', rules);
      if (!result.ok) {
        set({ forwardingSaving: false, forwardingError: { code: result.error.code, message: result.error.message } });
        return false;
      }
      set({ forwarding: result.value, forwardingSaving: false, forwardingSaved: true });
      return true;
    },
    async immediateForwardingOff() {
      const result = await uc.invoke('forwarding.immediateOff', {});
      if (!result.ok) {
        set({ forwardingError: { code: result.error.code, message: result.error.message } });
        return false;
      }
      set({ forwarding: result.value, forwardingError: null });
      return true;
    },
    forwardingEdited() {
      if (get().forwardingSaved || get().forwardingError) set({ forwardingSaved: false, forwardingError: null });
    },
  });
}
