/**
 * Toasts (SPEC G1 refused links, G2 hotkey outcomes, D3 a pickup that failed): short messages that
 * need no answer; at most three, each gone after {@link TOAST_MS}.
 */
import type { SliceCreator } from '../../../platform/store/app-state';
import type { StoreDeps } from '../../../platform/store/store-deps';

/** How long a toast (link refused, hotkey outcome) stays, ms. */
export const TOAST_MS = 8_000;

export interface Toast {
  id: number;
  kind: 'link-refused' | 'hotkey' | 'link-error' | 'pickup-error';
  /** i18n key of the message */
  key: string;
  /** interpolation values (already translated-safe: numbers, reasons) */
  values?: Record<string, string>;
}

export interface ToastsSlice {
  toasts: Toast[];
  showToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: number): void;
}

declare module '../../../platform/store/app-state' {
  interface AppState extends ToastsSlice {}
}

export function createToastsSlice(deps: StoreDeps): SliceCreator<ToastsSlice> {
  return (set, get) => {
    let nextToastId = 1;
    return {
      toasts: [],
      showToast(toast) {
        const id = nextToastId++;
        set({ toasts: [...get().toasts, { ...toast, id }].slice(-3) });
        deps.setTimeout(() => get().dismissToast(id), TOAST_MS);
      },
      dismissToast(id) {
        set({ toasts: get().toasts.filter((t) => t.id !== id) });
      },
    };
  };
}
