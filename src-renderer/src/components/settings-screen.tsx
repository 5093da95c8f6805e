/**
 * Settings (SPEC A1–A3, A6, A7, F2, G1–G4, J, K): language, VoIP (popup,
 * headsets), desktop integration, display, change password, the saved UC
 * server connections (up to 4), auto-login and launch at startup, the sync
 * state, logout. Usable while the UC server is offline (it is where the
 * connection is fixed); only the password change needs the server.
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SERVERS } from '../../../src-preload/contract/ipc-contract';
import type { ServerInputError } from '../store/settings-slice';
import { useAppStore } from '../store/use-app-store';
import { Icon } from './icons';
import { LanguageSelect } from './language-select';
import { PasswordForm } from './password-form';
import { SettingsDesktopSection } from './settings-desktop-section';
import { SettingsDisplaySection } from './settings-display-section';
import { SettingsVoipSection } from './settings-voip-section';
import { useDateFormat } from './use-date-format';

export function SettingsScreen(): ReactElement {
  const { t } = useTranslation();
  const setView = useAppStore((s) => s.setView);
  const ucOffline = useAppStore((s) => s.session.ucConnection === 'offline');
  const settingsError = useAppStore((s) => s.settingsError);
  const logout = useAppStore((s) => s.logout);

  return (
    <main
      className="settings-screen"
      data-testid="settings-screen"
      aria-labelledby="settings-title"
      onKeyDown={(ev) => {
        if (ev.key === 'Escape' && !ev.defaultPrevented) setView('main');
      }}
    >
      <div className="settings-head">
        <button
          type="button"
          className="icon-btn"
          data-testid="settings-back"
          aria-label={t('settings.back')}
          title={t('settings.back')}
          onClick={() => setView('main')}
        >
          <Icon name="arrow-left" />
        </button>
        <h1 id="settings-title">{t('settings.title')}</h1>
      </div>
      {ucOffline && (
        <div className="banner banner-warning" role="alert" data-testid="uc-offline-banner">
          {t('offline.message')} {t('offline.reconnecting')}
        </div>
      )}
      {settingsError && (
        <p className="form-error" role="alert">
          {t(`error.${settingsError}`)}
        </p>
      )}

      <section className="settings-section" aria-labelledby="settings-general">
        <h2 id="settings-general" className="section-title">
          {t('settings.general')}
        </h2>
        <div className="settings-row">
          <span id="settings-language-label">{t('settings.language')}</span>
          <LanguageSelect />
        </div>
        <Toggle setting="autoLogin" testId="settings-auto-login" label={t('settings.autoLogin')} />
        <Toggle setting="launchAtStartup" testId="settings-launch-at-startup" label={t('settings.launchAtStartup')} />
      </section>

      <SettingsVoipSection />
      <SettingsDesktopSection />
      <SettingsDisplaySection />

      <ServersSection />

      <section className="settings-section" aria-labelledby="settings-password">
        <h2 id="settings-password" className="section-title">
          {t('settings.password')}
        </h2>
        <PasswordForm idPrefix="pw-settings" />
      </section>

      <SyncSection />

      <section className="settings-section">
        <button type="button" className="btn" data-testid="settings-logout" onClick={() => void logout()}>
          <Icon name="log-out" />
          {t('header.logout')}
        </button>
      </section>
    </main>
  );
}

function Toggle({
  setting,
  testId,
  label,
}: {
  setting: 'autoLogin' | 'launchAtStartup';
  testId: string;
  label: string;
}): ReactElement {
  const checked = useAppStore((s) => s.settings[setting]);
  const updateSettings = useAppStore((s) => s.updateSettings);
  return (
    <label className="settings-row checkbox-row">
      <span>{label}</span>
      <input
        type="checkbox"
        role="switch"
        className="switch"
        data-testid={testId}
        checked={checked}
        onChange={(ev) => void updateSettings({ [setting]: ev.target.checked })}
      />
    </label>
  );
}

function ServersSection(): ReactElement {
  const { t } = useTranslation();
  const servers = useAppStore((s) => s.settings.servers);
  const current = useAppStore((s) => s.session.server);
  const addServer = useAppStore((s) => s.addServer);
  const removeServer = useAppStore((s) => s.removeServer);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<ServerInputError | null>(null);
  const full = servers.length >= MAX_SERVERS;

  const onAdd = async (ev: FormEvent) => {
    ev.preventDefault();
    const result = await addServer(draft);
    setError(result);
    if (!result) setDraft('');
  };

  return (
    <section className="settings-section" aria-labelledby="settings-servers">
      <h2 id="settings-servers" className="section-title">
        {t('settings.servers', { max: MAX_SERVERS })}
      </h2>
      {servers.length === 0 ? (
        <p className="muted">{t('settings.noServers')}</p>
      ) : (
        <ul className="server-list" data-testid="settings-servers">
          {servers.map((server) => (
            <li key={server} className="server-item" data-testid="settings-server">
              <span className="server-address">{server}</span>
              {server === current && <span className="tag">{t('settings.currentServer')}</span>}
              <button
                type="button"
                className="icon-btn icon-btn-small"
                data-testid="settings-server-remove"
                aria-label={t('settings.removeServer', { server })}
                title={t('settings.removeServer', { server })}
                onClick={() => void removeServer(server)}
              >
                <Icon name="trash" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="server-add" onSubmit={(ev) => void onAdd(ev)} noValidate>
        <label htmlFor="settings-server-input" className="visually-hidden">
          {t('settings.addServerLabel')}
        </label>
        <input
          id="settings-server-input"
          data-testid="settings-server-input"
          placeholder={t('login.serverPlaceholder')}
          spellCheck={false}
          value={draft}
          disabled={full}
          aria-invalid={error ? true : undefined}
          aria-describedby="settings-server-hint"
          onChange={(ev) => {
            setDraft(ev.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="btn" data-testid="settings-server-add" disabled={full}>
          {t('settings.addServer')}
        </button>
      </form>
      <p
        id="settings-server-hint"
        className={error ? 'field-error' : 'field-hint muted'}
        role={error ? 'alert' : undefined}
      >
        {error
          ? t(`settings.serverError.${error}`, { max: MAX_SERVERS })
          : full
            ? t('settings.serversFull', { max: MAX_SERVERS })
            : t('login.serverHint')}
      </p>
    </section>
  );
}

function SyncSection(): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const sync = useAppStore((s) => s.sync);
  return (
    <section className="settings-section" aria-labelledby="settings-sync">
      <h2 id="settings-sync" className="section-title">
        {t('settings.sync')}
      </h2>
      <dl className="sync-status" data-testid="sync-status" data-status={sync?.status} data-pending={sync?.pending}>
        <div>
          <dt>{t('settings.syncState')}</dt>
          <dd>{sync ? t(`sync.status.${sync.status}`) : t('sync.unknown')}</dd>
        </div>
        <div>
          <dt>{t('settings.syncPending')}</dt>
          <dd data-testid="sync-pending">{sync?.pending ?? 0}</dd>
        </div>
        <div>
          <dt>{t('settings.syncLast')}</dt>
          <dd data-testid="sync-last">
            {sync?.lastSyncedAt ? formatDate.dateTime(sync.lastSyncedAt) : t('sync.never')}
          </dd>
        </div>
      </dl>
    </section>
  );
}
