/** Settings > UC server connections (SPEC A1): up to MAX_SERVERS saved servers, the current one marked. */
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SERVERS } from '../../../../src-preload/contract/ipc-contract';
import { useAppStore } from '../../platform/store/use-app-store';
import { IconButton } from '../../platform/ui/icon-button';
import type { ServerInputError } from './settings-slice';

export function ServersSettings(): ReactElement {
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
    <>
      {servers.length === 0 ? (
        <p className="muted">{t('settings.noServers')}</p>
      ) : (
        <ul className="server-list" data-testid="settings-servers">
          {servers.map((server) => (
            <li key={server} className="server-item" data-testid="settings-server">
              <span className="server-address">{server}</span>
              {server === current && <span className="tag">{t('settings.currentServer')}</span>}
              <IconButton
                icon="trash"
                label={t('settings.removeServer', { server })}
                className="icon-btn-small"
                testId="settings-server-remove"
                onPress={() => void removeServer(server)}
              />
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
    </>
  );
}
