/**
 * Settings: the features' sections and blocks (feature-views.ts) under a back button.
 * Usable while the UC server is offline (it is where the connection is
 * fixed); only what needs the server (the password change) says so.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../platform/store/use-app-store';
import { IconButton } from '../platform/ui/icon-button';
import { SETTINGS_SECTIONS } from './feature-views';

export function SettingsScreen(): ReactElement {
  const { t } = useTranslation();
  const setView = useAppStore((s) => s.setView);
  const ucOffline = useAppStore((s) => s.session.ucConnection === 'offline');
  const settingsError = useAppStore((s) => s.settingsError);

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
        <IconButton
          icon="arrow-left"
          label={t('settings.back')}
          testId="settings-back"
          onPress={() => setView('main')}
        />
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
      {SETTINGS_SECTIONS.map(({ id, title, blocks }) => (
        <section key={id} className="settings-section" aria-labelledby={title ? `settings-${id}` : undefined}>
          {title && (
            <h2 id={`settings-${id}`} className="section-title">
              {t(title.key, title.values)}
            </h2>
          )}
          {blocks.map(({ id: blockId, Component }) => (
            <Component key={blockId} />
          ))}
        </section>
      ))}
    </main>
  );
}
