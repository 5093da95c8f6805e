/**
 * Top-level screen choice: login until the session has been registered (or
 * the forced password change when the UC server asks for it), then the main
 * view (header, search/dial field, pinned calls, history) or Settings.
 *
 * Two kinds of outage keep the main view: SIP unreachable after a
 * registration (banner, greyed) and the UC server offline (SPEC A4: overlay
 * with the explanation). The header menu and the calls panel stay usable in
 * both; everything recovers by itself.
 */
import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../src-preload/contract/ipc-contract';
import { useAppStore } from '../store/use-app-store';
import { AppHeader } from './app-header';
import { CallsPanel } from './calls-panel';
import { ContactDetails } from './contact-details';
import { ContactForm } from './contact-form';
import { ContactsToolbar } from './contacts-toolbar';
import { DialField } from './dial-field';
import { FailedAttemptsNotice } from './failed-attempts-notice';
import { ImportDialog } from './import-dialog';
import { IncomingPopups } from './incoming-popup';
import { JournalList } from './journal-list';
import { LoginScreen } from './login-screen';
import { OfflineOverlay } from './offline-overlay';
import { PasswordChangeScreen } from './password-change-screen';
import { SettingsScreen } from './settings-screen';

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
    </div>
  );
}

function MainView({ sipOffline }: { sipOffline: boolean }): ReactElement {
  const { t } = useTranslation();
  const ucOffline = useAppStore((s) => s.session.ucConnection === 'offline');
  const view = useAppStore((s) => s.view);
  const selectedEntry = useAppStore((s) => s.selectedEntry);
  const contactForm = useAppStore((s) => s.contactForm);
  const importOpen = useAppStore((s) => s.importOpen);
  useKeypadShortcut();
  return (
    <>
      <AppHeader />
      <FailedAttemptsNotice />
      {sipOffline && !ucOffline && (
        <div className="banner banner-warning" role="alert" data-testid="connection-lost">
          {t('header.connectionLost')}
        </div>
      )}
      {view === 'settings' ? (
        <SettingsScreen />
      ) : (
        <main
          className={`main-view${sipOffline || ucOffline ? ' is-offline' : ''}`}
          aria-disabled={sipOffline || ucOffline || undefined}
        >
          <div className="main-top" inert={ucOffline}>
            <DialField />
            <ContactsToolbar />
          </div>
          {/* calls survive a short outage: their controls stay usable above the overlay */}
          <CallsPanel />
          <div className="main-rest" inert={ucOffline}>
            <JournalList />
          </div>
          {ucOffline && <OfflineOverlay />}
        </main>
      )}
      {!ucOffline && view === 'main' && (
        <>
          {selectedEntry && !contactForm && <ContactDetails entry={selectedEntry} />}
          {contactForm && <ContactForm form={contactForm} />}
          {importOpen && <ImportDialog />}
        </>
      )}
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
