/**
 * Top-level screen choice: login until the session has been registered (or
 * the forced password change when the UC server asks for it), then the main
 * view (header, search/dial field, pinned calls, history) or Settings.
 *
 * The main view follows `settings.view` (SPEC A6): List, Details (side pane
 * when wide), Menu (icon bar, one section at a time) or Collapsed (slim bar
 * that opens on hover/focus). Link confirmations, toasts and the incoming
 * popups sit above every view.
 *
 * Two kinds of outage keep the main view: SIP unreachable after a
 * registration (banner, greyed) and the UC server offline (SPEC A4: a banner
 * with the explanation; the cached directory, conversations and history stay
 * searchable and readable, only the controls that need the server are
 * disabled, with a tooltip saying why — SPEC K). The header menu and the
 * calls panel stay usable in both; everything recovers by itself.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView, MainView as MainViewName } from '../../../src-preload/contract/ipc-contract';
import { useAppStore } from '../store/use-app-store';
import { AppHeader } from './app-header';
import { CallsPanel } from './calls-panel';
import { CollapsedBar } from './collapsed-bar';
import { ContactDetails } from './contact-details';
import { ContactForm } from './contact-form';
import { ContactsToolbar } from './contacts-toolbar';
import { ConversationList } from './conversation-list';
import { ConversationPane } from './conversation-pane';
import { DetailsPane } from './details-pane';
import { DialField } from './dial-field';
import { FailedAttemptsNotice } from './failed-attempts-notice';
import { ImportDialog } from './import-dialog';
import { IncomingPopups } from './incoming-popup';
import { JournalList } from './journal-list';
import { VoicemailList } from './voicemail-list';
import { LinkConfirm } from './link-confirm';
import { TransferDialog } from './transfer-dialog';
import { LoginScreen } from './login-screen';
import { MenuBar } from './menu-bar';
import { OfflineOverlay } from './offline-overlay';
import { PasswordChangeScreen } from './password-change-screen';
import { SettingsScreen } from './settings-screen';
import { Toasts } from './toasts';
import { useMediaQuery } from './use-media-query';

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

function MainView({ sipOffline }: { sipOffline: boolean }): ReactElement {
  const { t } = useTranslation();
  const ucOffline = useAppStore((s) => s.session.ucConnection === 'offline');
  const view = useAppStore((s) => s.view);
  const layout = useAppStore((s) => s.settings.view);
  const selectedEntry = useAppStore((s) => s.selectedEntry);
  const contactForm = useAppStore((s) => s.contactForm);
  const importOpen = useAppStore((s) => s.importOpen);
  const conversationPeer = useAppStore((s) => s.conversationPeer);
  const wide = useMediaQuery(WIDE_QUERY);
  const [collapsedOpen, setCollapsedOpen] = useState(false);
  useKeypadShortcut();
  // Details view on a wide window: the contact opens in the side pane, not in a sheet
  const split = layout === 'details' && wide && view === 'main';
  const content =
    view === 'settings' ? (
      <SettingsScreen />
    ) : (
      <MainContent sipOffline={sipOffline} ucOffline={ucOffline} layout={layout} split={split} />
    );
  return (
    <div
      className={`layout layout-${layout}${collapsedOpen ? ' is-open' : ''}`}
      data-testid="layout"
      data-view={layout}
      onMouseLeave={() => setCollapsedOpen(false)}
    >
      {layout === 'collapsed' && <CollapsedBar onOpen={() => setCollapsedOpen(true)} />}
      <div className="layout-body">
        <AppHeader />
        <FailedAttemptsNotice />
        {sipOffline && !ucOffline && (
          <div className="banner banner-warning" role="alert" data-testid="connection-lost">
            {t('header.connectionLost')}
          </div>
        )}
        {layout === 'menu' ? (
          <div className="menu-layout">
            <MenuBar />
            {content}
          </div>
        ) : split ? (
          <div className="details-split">
            {content}
            <DetailsPane />
          </div>
        ) : (
          content
        )}
      </div>
      {/* SPEC K: the cached contacts stay readable offline; edits wait in the outbox */}
      {view === 'main' && (
        <>
          {selectedEntry && !contactForm && !split && <ContactDetails entry={selectedEntry} />}
          {contactForm && <ContactForm form={contactForm} />}
          {importOpen && !ucOffline && <ImportDialog />}
        </>
      )}
      {/* messages (SPEC E6): history and the outbox work while the UC server is away */}
      {view === 'main' && conversationPeer !== null && <ConversationPane peer={conversationPeer} />}
      <IncomingPopups />
      <LinkConfirm />
      <TransferDialog />
    </div>
  );
}

/** From this width the Details view shows the detail pane beside the list. */
const WIDE_QUERY = '(min-width: 720px)';

function MainContent({
  sipOffline,
  ucOffline,
  layout,
  split,
}: {
  sipOffline: boolean;
  ucOffline: boolean;
  layout: MainViewName;
  split: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const menuTab = useAppStore((s) => s.menuTab);
  const hasCalls = useAppStore((s) => s.calls.length > 0);
  // the Menu view shows one section at a time; the other views show them all
  const tab = layout === 'menu' ? menuTab : null;
  const showDial = tab === null || tab === 'calls' || tab === 'contacts';
  const showToolbar = tab === null || tab === 'contacts';
  const showJournal = tab === null || tab === 'history';
  const showMessages = tab === null || tab === 'messages';
  // SPEC H1: its own tab in the Menu view; above the history elsewhere once there are messages
  const hasVoicemails = useAppStore((s) => s.voicemails.length > 0);
  const showVoicemail = tab === 'voicemail' || (tab === null && hasVoicemails);
  return (
    <main className={`main-view${sipOffline ? ' is-offline' : ''}`} aria-disabled={sipOffline || undefined}>
      {/* SPEC A4 + K: the UC server away, the cached directory, conversations, voicemail list
          and history stay searchable and readable; controls that need the server say so */}
      {ucOffline && <OfflineOverlay />}
      {(showDial || showToolbar) && (
        <div className="main-top">
          {showDial && <DialField />}
          {showToolbar && <ContactsToolbar />}
        </div>
      )}
      {/* calls survive a short outage: their controls stay usable above the overlay */}
      <CallsPanel />
      {tab === 'calls' && !hasCalls && <p className="empty-state menu-hint">{t('menu.callsHint')}</p>}
      {tab === 'contacts' && <p className="empty-state menu-hint">{t('menu.contactsHint')}</p>}
      {showMessages && (
        <div className="main-messages">
          <ConversationList />
        </div>
      )}
      {showVoicemail && (
        <div className="main-voicemail">
          <VoicemailList />
        </div>
      )}
      {showJournal && (
        <div className="main-rest">
          <JournalList selectable={split} />
        </div>
      )}
    </main>
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
