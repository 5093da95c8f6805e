/** Settings > Desktop integration: always use this application for telephony links (SPEC G1). */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../platform/store/use-app-store';
import { SettingSwitch } from '../../../platform/ui/setting-switch';

export function LinksSettings(): ReactElement {
  const { t } = useTranslation();
  const checked = useAppStore((s) => s.settings.telephonyLinksDefault);
  const updateSettings = useAppStore((s) => s.updateSettings);
  return (
    <SettingSwitch
      label={t('settings.linksDefault')}
      testId="settings-links-default"
      checked={checked}
      onChange={(value) => void updateSettings({ telephonyLinksDefault: value })}
    />
  );
}
