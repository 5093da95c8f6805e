/** Forwarding feature: Settings › Call forwarding and the header's "forwarded" sign. See README.md. */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { forwardingViews } from './forwarding-views';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createForwardingSlice } from './forwarding-slice';
import './forwarding.css';

export { ForwardingIndicator } from './forwarding-indicator';
export type { ForwardingSlice } from './forwarding-slice';

export const forwardingFeature: RendererFeature = {
  id: 'forwarding',
  slices: ({ uc }) => [createForwardingSlice(uc)],
  events: (uc, store) => [uc.on('forwarding.onDidChange', (view) => store.getState().setForwarding(view))],
  load: (s) => void s.refreshForwarding(),
  sessionCleared: { forwarding: null, forwardingError: null, forwardingSaved: false, forwardingSaving: false },
  i18n: { en, fr },
  views: forwardingViews,
};
