/** Headset integrations (SPEC G3): the engine's live status per vendor (running, unavailable and why, devices). */
import type { HeadsetStatusView, UcApi } from '../../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../../platform/store/app-state';

export interface HeadsetsSlice {
  headsetStatus: HeadsetStatusView | null;
  setHeadsetStatus(status: HeadsetStatusView): void;
  refreshHeadsetStatus(): Promise<void>;
}

declare module '../../../platform/store/app-state' {
  interface AppState extends HeadsetsSlice {}
}

export function createHeadsetsSlice(uc: UcApi): SliceCreator<HeadsetsSlice> {
  return (set) => ({
    headsetStatus: null,
    setHeadsetStatus(status) {
      set({ headsetStatus: status });
    },
    async refreshHeadsetStatus() {
      const result = await uc.invoke('headsets.getStatus', {});
      if (result.ok) set({ headsetStatus: result.value });
    },
  });
}
