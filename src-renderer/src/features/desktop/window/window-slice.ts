/**
 * The window (SPEC A5, A6): which shell the page runs in (Electron: the
 * window chrome works; the web shell: it does not) and window.command
 * (pin, dock, minimize, close, zoom).
 */
import type { UcApi, WindowCommand } from '../../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../../platform/store/app-state';

/** Where the renderer runs: the Electron window (window chrome works) or the web shell page. */
export type ShellKind = 'electron' | 'web';

export interface WindowSlice {
  shellKind: ShellKind;
  setShellKind(kind: ShellKind): void;
  windowCommand(command: WindowCommand): Promise<void>;
}

declare module '../../../platform/store/app-state' {
  interface AppState extends WindowSlice {}
}

export function createWindowSlice(uc: UcApi): SliceCreator<WindowSlice> {
  return (set) => ({
    shellKind: 'web',
    setShellKind(kind) {
      set({ shellKind: kind });
    },
    async windowCommand(command) {
      const result = await uc.invoke('window.command', { command });
      if (!result.ok) set({ settingsError: result.error.code });
    },
  });
}
