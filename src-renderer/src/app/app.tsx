/**
 * Top-level screen choice: login until the session has been registered (or
 * the forced password change when the UC server asks for it), then the main
 * view (main-view.tsx). Toasts sit above every screen.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Toasts } from '../features/desktop';
import { LoginScreen, PasswordChangeScreen } from '../features/session';
import { useAppStore } from '../platform/store/use-app-store';
import { MainView } from './main-view';

export function App(): ReactElement {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.session.status);
  const hasBeenRegistered = useAppStore((s) => s.hasBeenRegistered);
  const bridgeConnected = useAppStore((s) => s.bridgeConnected);
  const showMain = status === 'registered' || hasBeenRegistered;

  return (
    <div className="app">
      {!bridgeConnected && (
        <div className="banner banner-info" role="status" data-testid="bridge-status">
          {t('app.bridgeDisconnected')}
        </div>
      )}
      {status === 'password-change-required' ? (
        <PasswordChangeScreen />
      ) : showMain ? (
        <MainView sipOffline={status !== 'registered'} />
      ) : (
        <LoginScreen />
      )}
      <Toasts />
    </div>
  );
}
