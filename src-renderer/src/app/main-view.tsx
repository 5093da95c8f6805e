/**
 * The main view after login. It follows `settings.view` (SPEC A6): List,
 * Details (side pane when wide), Menu (icon bar, one tab at a time) or
 * Collapsed (slim bar that opens on hover/focus). Its sections, tabs and
 * overlays, and the Settings screen's sections, are the features' own
 * (feature-views.ts). Link confirmations, toasts and the incoming popups sit
 * above every view.
 *
 * Two kinds of outage keep the main view: SIP unreachable after a
 * registration (banner, greyed) and the UC server offline (SPEC A4: a banner
 * with the explanation; the cached directory, conversations and history stay
 * searchable and readable, only the controls that need the server are
 * disabled, with a tooltip saying why — SPEC K). The header menu and the
 * calls panel stay usable in both; everything recovers by itself.
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeypadShortcut } from '../features/calls';
import { FailedAttemptsNotice, OfflineOverlay } from '../features/session';
import { useMediaQuery } from '../platform/hooks/use-media-query';
import { useAppStore } from '../platform/store/use-app-store';
import { AppHeader } from './app-header';
import { CollapsedBar } from './collapsed-bar';
import { DetailsPane } from './details-pane';
import { OVERLAYS, useShownSections } from './feature-views';
import { MenuBar } from './menu-bar';
import { SettingsScreen } from './settings-screen';

/** From this width the Details view shows the detail pane beside the list. */
const WIDE_QUERY = '(min-width: 720px)';

export function MainView({ sipOffline }: { sipOffline: boolean }): ReactElement {
  const { t } = useTranslation();
  const ucOffline = useAppStore((s) => s.session.ucConnection === 'offline');
  const view = useAppStore((s) => s.view);
  const layout = useAppStore((s) => s.settings.view);
  const wide = useMediaQuery(WIDE_QUERY);
  const [collapsedOpen, setCollapsedOpen] = useState(false);
  useKeypadShortcut();
  // Details view on a wide window: the contact opens in the side pane, not in a sheet
  const split = layout === 'details' && wide && view === 'main';
  const content =
    view === 'settings' ? (
      <SettingsScreen />
    ) : (
      <MainContent sipOffline={sipOffline} ucOffline={ucOffline} menu={layout === 'menu'} split={split} />
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
      {OVERLAYS.map(({ id, Component }) => (
        <Component key={id} split={split} />
      ))}
    </div>
  );
}

function MainContent({
  sipOffline,
  ucOffline,
  menu,
  split,
}: {
  sipOffline: boolean;
  ucOffline: boolean;
  menu: boolean;
  split: boolean;
}): ReactElement {
  const menuTab = useAppStore((s) => s.menuTab);
  // the Menu view shows one tab's sections at a time; the other views show them all
  const sections = useShownSections(menu ? menuTab : null);
  const top = sections.filter((s) => s.region === 'top');
  const body = sections.filter((s) => s.region === 'body');
  return (
    <main className={`main-view${sipOffline ? ' is-offline' : ''}`} aria-disabled={sipOffline || undefined}>
      {/* SPEC A4 + K: the UC server away, the cached directory, conversations, voicemail list
          and history stay searchable and readable; controls that need the server say so */}
      {ucOffline && <OfflineOverlay />}
      {top.length > 0 && (
        <div className="main-top">
          {top.map(({ id, Component }) => (
            <Component key={id} split={split} />
          ))}
        </div>
      )}
      {body.map(({ id, wrapper, Component }) =>
        wrapper ? (
          <div key={id} className={wrapper}>
            <Component split={split} />
          </div>
        ) : (
          <Component key={id} split={split} />
        ),
      )}
    </main>
  );
}
