/**
 * Settings > VoIP (SPEC F5, issue #15): the VoIP switch with what stops VoIP here, and the
 * STUN/TURN servers — the user's (add, remove) and the UC server's (shown, read-only).
 */
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { IconButton } from '../../platform/ui/icon-button';

/** The VoIP switch and, when VoIP cannot work, why. */
export function VoipSwitchSettings(): ReactElement {
  const { t } = useTranslation();
  const enabled = useAppStore((s) => s.settings.voip);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const refresh = useAppStore((s) => s.refreshVoipStatus);
  useEffect(() => {
    void refresh();
  }, [refresh, enabled]);
  return (
    <>
      <label className="settings-row checkbox-row">
        <span>{t('voip.switch')}</span>
        <input
          type="checkbox"
          role="switch"
          className="switch"
          data-testid="settings-voip"
          checked={enabled}
          onChange={(ev) => void updateSettings({ voip: ev.target.checked })}
        />
      </label>
      <VoipProblemNote testId="settings-voip-status" />
    </>
  );
}

/** Why VoIP does not work on this computer, when it does not (nothing otherwise). */
export function VoipProblemNote({ testId }: { testId: string }): ReactElement | null {
  const { t } = useTranslation();
  const problem = useAppStore((s) => s.voipStatus?.problem ?? null);
  if (problem === null) return null;
  return (
    <p className="field-hint" role="status" data-testid={testId} data-problem={problem}>
      {t(`voip.problem.${problem}`)}
    </p>
  );
}

/** The STUN/TURN servers: the user's with Remove, the provisioned ones marked and fixed. */
export function IceServersSettings(): ReactElement {
  const { t } = useTranslation();
  const servers = useAppStore((s) => s.iceServers);
  const error = useAppStore((s) => s.iceServerError);
  const refresh = useAppStore((s) => s.refreshIceServers);
  const add = useAppStore((s) => s.addIceServer);
  const remove = useAppStore((s) => s.removeIceServer);
  const clearError = useAppStore((s) => s.clearIceServerError);
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [credential, setCredential] = useState('');
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onAdd = async (ev: FormEvent) => {
    ev.preventDefault();
    if (await add({ url: url.trim(), username: username.trim(), credential })) {
      setUrl('');
      setUsername('');
      setCredential('');
    }
  };
  const edit = (setter: (v: string) => void) => (value: string) => {
    setter(value);
    if (error) clearError();
  };

  return (
    <>
      <h3 className="settings-subtitle">{t('voip.ice.heading')}</h3>
      {servers === null || servers.length === 0 ? (
        <p className="muted">{t('voip.ice.none')}</p>
      ) : (
        <ul className="server-list" data-testid="settings-ice-servers">
          {servers.map((server) => (
            <li
              key={`${server.provisioned ? 'p' : 'u'}:${server.url}`}
              className="server-item"
              data-testid="settings-ice-server"
              data-url={server.url}
              data-provisioned={server.provisioned ? 'true' : 'false'}
            >
              <span className="server-address">{server.url}</span>
              {server.username && <span className="muted">{server.username}</span>}
              {server.provisioned ? (
                <span className="tag" title={t('voip.ice.provisionedHint')}>
                  {t('voip.ice.provisioned')}
                </span>
              ) : (
                <IconButton
                  icon="trash"
                  label={t('voip.ice.remove', { url: server.url })}
                  className="icon-btn-small"
                  testId="settings-ice-remove"
                  onPress={() => void remove(server.url)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="server-add" onSubmit={(ev) => void onAdd(ev)} noValidate>
        <label htmlFor="settings-ice-url" className="visually-hidden">
          {t('voip.ice.url')}
        </label>
        <input
          id="settings-ice-url"
          data-testid="settings-ice-url"
          placeholder={t('voip.ice.placeholder')}
          spellCheck={false}
          value={url}
          aria-invalid={error ? true : undefined}
          aria-describedby="settings-ice-hint"
          onChange={(ev) => edit(setUrl)(ev.target.value)}
        />
        <input
          data-testid="settings-ice-username"
          aria-label={t('voip.ice.username')}
          placeholder={t('voip.ice.username')}
          spellCheck={false}
          autoComplete="off"
          value={username}
          onChange={(ev) => edit(setUsername)(ev.target.value)}
        />
        <input
          type="password"
          data-testid="settings-ice-credential"
          aria-label={t('voip.ice.credential')}
          placeholder={t('voip.ice.credential')}
          autoComplete="off"
          value={credential}
          onChange={(ev) => edit(setCredential)(ev.target.value)}
        />
        <button type="submit" className="btn" data-testid="settings-ice-add">
          {t('voip.ice.add')}
        </button>
      </form>
      <p
        id="settings-ice-hint"
        className={error ? 'field-error' : 'field-hint muted'}
        role={error ? 'alert' : undefined}
        data-testid="settings-ice-hint"
        data-code={error ?? undefined}
      >
        {error ? t(iceErrorKey(error)) : t('voip.ice.hint')}
      </p>
    </>
  );
}

function iceErrorKey(code: string): string {
  if (code === 'duplicate-ice-server') return 'voip.ice.duplicate';
  if (code === 'invalid-ice-server') return 'voip.ice.invalid';
  return `error.${code}`;
}
