/** Settings > Desktop integration: start minimized to the tray (SPEC A3), keep the window on top (SPEC A6). */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../platform/store/use-app-store';
import { SettingSwitch } from '../../../platform/ui/setting-switch';

export function WindowSettings(): ReactElement {
  const { t } = useTranslation();
  const startMinimized = useAppStore((s) => s.settings.startMinimized);
  const pinOnTop = useAppStore((s) => s.settings.pinOnTop);
  const updateSettings = useAppStore((s) => s.updateSettings);
  return (
    <>
      <SettingSwitch
        label={t('settings.startMinimized')}
        testId="settings-start-minimized"
        checked={startMinimized}
        onChange={(checked) => void updateSettings({ startMinimized: checked })}
      />
      <SettingSwitch
        label={t('settings.pinOnTop')}
        testId="settings-pin"
        checked={pinOnTop}
        onChange={(checked) => void updateSettings({ pinOnTop: checked })}
      />
    </>
  );
}
