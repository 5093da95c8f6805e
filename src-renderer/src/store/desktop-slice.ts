/**
 * Desktop-integration slice (SPEC G1–G4, F2, A5–A6): telephony-link
 * confirmations and refusals, the dial hotkey and headset status, the
 * missed-call counter, the incoming-popup clock, the window chrome and the
 * layout of the main view (List / Details / Menu / Collapsed).
 *
 * Link confirmation (G1): the engine asks (`links.onDidRequestDial`), the
 * dialog shows the first pending request, the user's answer goes back with
 * `links.confirm`; requests queue while one is shown.
 *
 *   pending ──Call──▶ links.confirm(accept) ──▶ removed (the call shows in the calls panel)
 *   pending ──Cancel/Esc──▶ links.confirm(refuse) ──▶ removed
 */
import type { StateCreator } from 'zustand';
import type {
  CallView,
  CountersView,
  HeadsetStatusView,
  HotkeyPressView,
  HotkeyStatusView,
  IpcErrorCode,
  LinkDialRequest,
  LinkRefusal,
  MainView,
  NotificationActivation,
  UcApi,
  WindowCommand,
} from '../../../src-preload/contract/ipc-contract';
import { assertNever } from '../lib/assert-never';
import { POPUP_LIMIT_MS } from '../lib/popup-visibility';
import type { AppState, StoreDeps } from './app-store';

/** Where the renderer runs: the Electron window (window chrome works) or the web shell page. */
export type ShellKind = 'electron' | 'web';

/** Tabs of the Menu view's icon bar (only what exists today; favorites, conversations… land later). */
export type MenuTab = 'calls' | 'messages' | 'history' | 'voicemail' | 'contacts';
export const MENU_TABS: readonly MenuTab[] = ['calls', 'messages', 'history', 'voicemail', 'contacts'];

/** Every view the header switcher offers, in menu order. */
export const MAIN_VIEWS: readonly MainView[] = ['list', 'details', 'menu', 'collapsed'];

/** How long a toast (link refused, hotkey outcome) stays, ms. */
export const TOAST_MS = 8_000;

export interface Toast {
  id: number;
  kind: 'link-refused' | 'hotkey' | 'link-error';
  /** i18n key of the message */
  key: string;
  /** interpolation values (already translated-safe: numbers, reasons) */
  values?: Record<string, string>;
}

export interface DesktopSlice {
  shellKind: ShellKind;
  /** pending "Call …?" requests, oldest first: the dialog shows [0] */
  linkRequests: LinkDialRequest[];
  /** the last links.confirm / links.open failure */
  linkError: IpcErrorCode | null;
  toasts: Toast[];
  hotkeyStatus: HotkeyStatusView | null;
  /** the reason (HotkeyError) the engine gave for the last refused hotkey */
  hotkeyError: string | null;
  headsetStatus: HeadsetStatusView | null;
  missedCalls: number;
  /** when the renderer first saw each call ringing */
  ringingSeenAt: Record<string, number>;
  /** how long each call has been ringing, in the steps of POPUP_LIMIT_MS (the popup 5 s / 10 s clock) */
  ringingElapsed: Record<string, number>;
  menuTab: MenuTab;
  /** a journal row shown in the Details pane */
  selectedJournalId: number | null;
  /** bumped to ask the dial field to take the focus (collapsed bar's dial button) */
  focusDialRequest: number;

  setShellKind(kind: ShellKind): void;
  requestLinkDial(request: LinkDialRequest): void;
  confirmLink(requestId: string, accept: boolean): Promise<boolean>;
  openLink(url: string): Promise<boolean>;
  linkRefused(refusal: LinkRefusal): void;
  showToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
  setHotkeyStatus(status: HotkeyStatusView): void;
  refreshHotkeyStatus(): Promise<void>;
  setDialHotkey(accelerator: string | null): Promise<boolean>;
  hotkeyPressed(press: HotkeyPressView): void;
  setHeadsetStatus(status: HeadsetStatusView): void;
  refreshHeadsetStatus(): Promise<void>;
  setCounters(counters: CountersView): void;
  refreshCounters(): Promise<void>;
  markMissedSeen(): Promise<void>;
  noteCalls(calls: CallView[]): void;
  windowCommand(command: WindowCommand): Promise<void>;
  setMainView(view: MainView): Promise<void>;
  setMenuTab(tab: MenuTab): void;
  openHistory(): void;
  notificationActivated(activation: NotificationActivation): void;
  selectJournalEntry(id: number | null): void;
  requestDialFocus(): void;
}

export function createDesktopSlice(uc: UcApi, deps: StoreDeps): StateCreator<AppState, [], [], DesktopSlice> {
  return (set, get) => {
    let nextToastId = 1;
    const showToast = (toast: Omit<Toast, 'id'>) => {
      const id = nextToastId++;
      set({ toasts: [...get().toasts, { ...toast, id }].slice(-3) });
      deps.setTimeout(() => get().dismissToast(id), TOAST_MS);
    };
    const removeRequest = (requestId: string) =>
      set({ linkRequests: get().linkRequests.filter((r) => r.requestId !== requestId) });

    return {
      shellKind: 'web',
      linkRequests: [],
      linkError: null,
      toasts: [],
      hotkeyStatus: null,
      hotkeyError: null,
      headsetStatus: null,
      missedCalls: 0,
      ringingSeenAt: {},
      ringingElapsed: {},
      menuTab: 'calls',
      selectedJournalId: null,
      focusDialRequest: 0,

      setShellKind(kind) {
        set({ shellKind: kind });
      },
      requestLinkDial(request) {
        if (get().linkRequests.some((r) => r.requestId === request.requestId)) return;
        set({ linkRequests: [...get().linkRequests, request], linkError: null });
      },
      async confirmLink(requestId, accept) {
        removeRequest(requestId);
        const result = await uc.invoke('links.confirm', { requestId, accept });
        set({ linkError: result.ok ? null : result.error.code });
        if (!result.ok) showToast({ kind: 'link-error', key: `error.${result.error.code}` });
        if (result.ok && accept) void get().refreshRecent();
        return result.ok;
      },
      async openLink(url) {
        const result = await uc.invoke('links.open', { url });
        if (result.ok) return true;
        // 'invalid-link' carries the parser's reason: say exactly why
        const reason = result.error.details?.[0];
        if (result.error.code === 'invalid-link' && reason) get().linkRefused({ reason });
        else showToast({ kind: 'link-error', key: `error.${result.error.code}` });
        return false;
      },
      linkRefused(refusal) {
        showToast({ kind: 'link-refused', key: 'links.refused', values: { reason: refusal.reason } });
      },
      showToast,
      dismissToast(id) {
        set({ toasts: get().toasts.filter((t) => t.id !== id) });
      },
      setHotkeyStatus(status) {
        set({ hotkeyStatus: status });
      },
      async refreshHotkeyStatus() {
        const result = await uc.invoke('hotkey.getStatus', {});
        if (result.ok) set({ hotkeyStatus: result.value });
      },
      async setDialHotkey(accelerator) {
        set({ hotkeyError: null });
        const previous = get().settings;
        set({ settings: { ...previous, dialHotkey: accelerator } });
        const result = await uc.invoke('settings.update', { dialHotkey: accelerator });
        if (result.ok) {
          get().setSettings(result.value);
          void get().refreshHotkeyStatus();
          return true;
        }
        set({
          settings: { ...get().settings, dialHotkey: previous.dialHotkey },
          hotkeyError: result.error.code === 'invalid-hotkey' ? (result.error.details?.[0] ?? 'malformed') : null,
          settingsError: result.error.code === 'invalid-hotkey' ? null : result.error.code,
        });
        return false;
      },
      hotkeyPressed(press) {
        if (press.outcome === 'dialed') return;
        showToast({
          kind: 'hotkey',
          key: `hotkey.press.${press.outcome}`,
          values: { number: press.display ?? press.number ?? '', reason: press.reason ?? '' },
        });
      },
      setHeadsetStatus(status) {
        set({ headsetStatus: status });
      },
      async refreshHeadsetStatus() {
        const result = await uc.invoke('headsets.getStatus', {});
        if (result.ok) set({ headsetStatus: result.value });
      },
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
      noteCalls(calls) {
        const seen = get().ringingSeenAt;
        const next: Record<string, number> = {};
        const fresh: string[] = [];
        for (const call of calls) {
          if (call.state !== 'ringing-in') continue;
          next[call.id] = seen[call.id] ?? deps.now();
          if (seen[call.id] === undefined) fresh.push(call.id);
        }
        if (fresh.length === 0 && Object.keys(seen).length === Object.keys(next).length) return;
        const elapsed = Object.fromEntries(Object.entries(get().ringingElapsed).filter(([id]) => id in next));
        set({ ringingSeenAt: next, ringingElapsed: elapsed });
        // the popup clock ticks in the store (testable with fake timers, no clock read in render)
        for (const id of fresh) {
          for (const ms of Object.values(POPUP_LIMIT_MS)) {
            deps.setTimeout(() => {
              if (get().ringingSeenAt[id] === undefined) return;
              set({ ringingElapsed: { ...get().ringingElapsed, [id]: Math.max(ms, get().ringingElapsed[id] ?? 0) } });
            }, ms);
          }
        }
      },
      async windowCommand(command) {
        const result = await uc.invoke('window.command', { command });
        if (!result.ok) set({ settingsError: result.error.code });
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
      openHistory() {
        get().setView('main');
        get().setMenuTab('history');
        void get().markMissedSeen();
      },
      notificationActivated(activation) {
        // conversations come later (SPEC E): for now a missed call opens the history
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
            assertNever(activation.kind, 'notification kind');
        }
      },
      selectJournalEntry(id) {
        set({ selectedJournalId: id });
      },
      requestDialFocus() {
        set({ focusDialRequest: get().focusDialRequest + 1 });
      },
    };
  };
}
