/**
 * Where the user is (SPEC A6): the screen (main view or Settings), the
 * layout of the main view (List / Details / Menu / Collapsed — the
 * `settings.view` the engine keeps and the window follows), the Menu view's
 * tab, and the requests for the Search/Dial field's focus.
 */
import type { MainView, UcApi } from '../../../../../src-preload/contract/ipc-contract';
import { MAIN_VIEWS } from '../../../../../src-preload/contract/settings';
import type { MenuTab, SliceCreator } from '../../../platform/store/app-state';

export type AppView = 'main' | 'settings';

/** Every view the header switcher offers, in menu order (the contract's list). */
export { MAIN_VIEWS };

export interface ViewsSlice {
  /** screen shown after login */
  view: AppView;
  menuTab: MenuTab;
  /** bumped to ask the dial field to take the focus (collapsed bar's dial button) */
  focusDialRequest: number;
  setView(view: AppView): void;
  setMainView(view: MainView): Promise<void>;
  setMenuTab(tab: MenuTab): void;
  requestDialFocus(): void;
}

declare module '../../../platform/store/app-state' {
  interface AppState extends ViewsSlice {}
}

export function createViewsSlice(uc: UcApi): SliceCreator<ViewsSlice> {
  return (set, get) => ({
    view: 'main',
    menuTab: 'calls',
    focusDialRequest: 0,
    setView(view) {
      set({ view });
    },
    async setMainView(view) {
      const previous = get().settings.view;
      set({ settings: { ...get().settings, view } });
      const result = await uc.invoke('window.command', { command: 'set-view', view });
      if (!result.ok) set({ settings: { ...get().settings, view: previous }, settingsError: result.error.code });
    },
    setMenuTab(tab) {
      set({ menuTab: tab });
      if (tab === 'history') void get().markMissedSeen();
    },
    requestDialFocus() {
      set({ focusDialRequest: get().focusDialRequest + 1 });
    },
  });
}
