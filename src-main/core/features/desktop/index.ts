/**
 * The desktop integration domain (see README.md): telephony links, the dial
 * hotkey rules, headsets, the call popup, the window, notifications and counters.
 */
export {
  DesktopFeature,
  type DesktopCalls,
  type DesktopFeatureOptions,
  type DesktopSettings,
  type ExternalLinkOrigin,
} from './desktop-feature';
export { WindowControl, type WindowController } from './window/window-control';
export * from './window/window-geometry';
export { zoomStep } from './window/zoom-step';
export * from './links/parse-telephony-uri';
export * from './links/link-dial-policy';
export * from './links/deep-link-argv';
export { LinkRequests, LINK_REQUEST_TTL_MS, MAX_LINK_REQUESTS } from './links/link-requests';
export * from './hotkey/selection-to-number';
export * from './hotkey/validate-accelerator';
export { PopupController, type PopupControllerOptions } from './popup/popup-controller';
export * from './headsets/headset-adapter';
export { HeadsetAdapterBase } from './headsets/headset-adapter-base';
export * from './headsets/headset-bridge';
export * from './headsets/create-headset-adapters';
