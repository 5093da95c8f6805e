/**
 * Telephony links (SPEC G1): confirmations of links from outside the app and
 * refusals (toasts), and links.open for the user's own clicks in the app.
 *
 * The engine asks (`links.onDidRequestDial`), the dialog shows the first
 * pending request, the user's answer goes back with `links.confirm`;
 * requests queue while one is shown.
 *
 *   pending ──Call──▶ links.confirm(accept) ──▶ removed (the call shows in the calls panel)
 *   pending ──Cancel/Esc──▶ links.confirm(refuse) ──▶ removed
 */
import type {
  IpcErrorCode,
  LinkDialRequest,
  LinkRefusal,
  UcApi,
} from '../../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../../platform/store/app-state';

export interface LinksSlice {
  /** pending "Call …?" requests, oldest first: the dialog shows [0] */
  linkRequests: LinkDialRequest[];
  /** the last links.confirm / links.open failure */
  linkError: IpcErrorCode | null;
  requestLinkDial(request: LinkDialRequest): void;
  confirmLink(requestId: string, accept: boolean): Promise<boolean>;
  openLink(url: string): Promise<boolean>;
  linkRefused(refusal: LinkRefusal): void;
}

declare module '../../../platform/store/app-state' {
  interface AppState extends LinksSlice {}
}

export function createLinksSlice(uc: UcApi): SliceCreator<LinksSlice> {
  return (set, get) => {
    const removeRequest = (requestId: string) =>
      set({ linkRequests: get().linkRequests.filter((r) => r.requestId !== requestId) });
    return {
      linkRequests: [],
      linkError: null,
      requestLinkDial(request) {
        if (get().linkRequests.some((r) => r.requestId === request.requestId)) return;
        set({ linkRequests: [...get().linkRequests, request], linkError: null });
      },
      async confirmLink(requestId, accept) {
        removeRequest(requestId);
        const result = await uc.invoke('links.confirm', { requestId, accept });
        set({ linkError: result.ok ? null : result.error.code });
        if (!result.ok) get().showToast({ kind: 'link-error', key: `error.${result.error.code}` });
        if (result.ok && accept) void get().refreshRecent();
        return result.ok;
      },
      async openLink(url) {
        const result = await uc.invoke('links.open', { url });
        if (result.ok) return true;
        // 'invalid-link' carries the parser's reason: say exactly why
        const reason = result.error.details?.[0];
        if (result.error.code === 'invalid-link' && reason) get().linkRefused({ reason });
        else get().showToast({ kind: 'link-error', key: `error.${result.error.code}` });
        return false;
      },
      linkRefused(refusal) {
        get().showToast({ kind: 'link-refused', key: 'links.refused', values: { reason: refusal.reason } });
      },
    };
  };
}
