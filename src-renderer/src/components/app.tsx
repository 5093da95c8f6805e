/**
 * Top-level screen choice: login until the session has been registered,
 * then the main view (header, dial field, pinned calls, history). When the
 * connection drops after a registration the main view stays, greyed, with an
 * explanation (SPEC A4) while the engine reconnects.
 */
import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../src-preload/contract/ipc-contract';
import { useAppStore } from '../store/use-app-store';
import { AppHeader } from './app-header';
import { CallsPanel } from './calls-panel';
import { DialField } from './dial-field';
import { IncomingPopups } from './incoming-popup';
import { JournalList } from './journal-list';
import { LoginScreen } from './login-screen';

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
      {showMain ? <MainView offline={status !== 'registered'} /> : <LoginScreen />}
    </div>
  );
}

function MainView({ offline }: { offline: boolean }): ReactElement {
  const { t } = useTranslation();
  useKeypadShortcut();
  return (
    <>
      <AppHeader />
      {offline && (
        <div className="banner banner-warning" role="alert" data-testid="connection-lost">
          {t('header.connectionLost')}
        </div>
      )}
      <main className={`main-view${offline ? ' is-offline' : ''}`} aria-disabled={offline || undefined}>
        <DialField />
        <CallsPanel />
        <JournalList />
      </main>
      <IncomingPopups />
    </>
  );
}

/** Ctrl+D opens the keypad of the current call (SPEC F3). */
function useKeypadShortcut(): void {
  const calls = useAppStore((s) => s.calls);
  const openKeypad = useAppStore((s) => s.openKeypad);
  useEffect(() => {
    const onKeyDown = (ev: KeyboardEvent) => {
      if (!(ev.ctrlKey || ev.metaKey) || ev.altKey || ev.key.toLowerCase() !== 'd') return;
      const call = currentCall(calls);
      if (!call) return;
      // Ctrl+D would otherwise bookmark the page in a browser
      ev.preventDefault();
      openKeypad(call.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [calls, openKeypad]);
}

/** The call the keypad shortcut applies to: the connected one. */
function currentCall(calls: CallView[]): CallView | undefined {
  return calls.find((c) => c.state === 'established');
}
