/**
 * Globals the preloads expose (Electron) and the e2e hook installs.
 */
import type { UcApi } from '../../src-preload/contract/ipc-contract';
import type { MediaHostChannel } from '../../src-preload/contract/media-contract';
import type { MediaTestHook } from './media-host/e2e-test-hook';

declare global {
  interface Window {
    /** Electron app preload (`contextBridge.exposeInMainWorld('uc', …)`); absent in the web shell. */
    uc?: UcApi;
    /** Electron media preload, only in the hidden media window. */
    ucMedia?: MediaHostChannel;
    /** Installed only when the page URL has `?e2e`. */
    __ucMediaTest?: MediaTestHook;
  }
}

export {};
