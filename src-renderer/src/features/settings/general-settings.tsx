/** Settings > General (SPEC A1, A3): language, log in automatically, launch at startup. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { LanguageSelect } from './language-select';

export function GeneralSettings(): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <div className="settings-row">
        <span id="settings-language-label">{t('settings.language')}</span>
        <LanguageSelect />
      </div>
      <Toggle setting="autoLogin" testId="settings-auto-login" label={t('settings.autoLogin')} />
      <Toggle setting="launchAtStartup" testId="settings-launch-at-startup" label={t('settings.launchAtStartup')} />
    </>
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
