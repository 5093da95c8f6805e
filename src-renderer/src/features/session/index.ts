/**
 * Session feature: login, logout, the forced and voluntary password change,
 * the registration state and the bridge/UC-server connection shown to the
 * user. See README.md.
 */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { sessionViews } from './session-views';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createSessionSlice } from './session-slice';

export { FailedAttemptsNotice } from './failed-attempts-notice';
export { LoginScreen } from './login-screen';
export { OfflineOverlay } from './offline-overlay';
export { PasswordChangeScreen } from './password-change-screen';
export { RegistrationStatus } from './registration-status';
export {
  failedAttemptsKey,
  type PasswordChangeError,
  type PasswordChangeState,
  type SessionSlice,
} from './session-slice';
export { useServerAction, type ServerAction } from './use-server-action';

export const sessionFeature: RendererFeature = {
  id: 'session',
  slices: ({ uc, deps }) => [createSessionSlice(uc, deps)],
  events: (uc, store) => [
    uc.on('session.onDidChangeState', (state) => {
      const s = store.getState();
      const wasRegistered = s.session.status === 'registered';
      s.setSession(state);
      if (state.status === 'registered' && !wasRegistered) {
        void s.refreshJournal();
        void s.refreshRecent();
        void s.refreshSync();
      }
    }),
  ],
  load: (s) => void s.refreshSession(),
  i18n: { en, fr },
  views: sessionViews,
};
