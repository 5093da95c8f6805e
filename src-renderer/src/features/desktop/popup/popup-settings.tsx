/**
 * Settings > VoIP > Call popup (SPEC F2): always, 5 s, 10 s, only when the
 * main window is minimized, never (see popup-visibility.ts).
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { popupVisibilitySchema, type PopupVisibility } from '../../../../../src-preload/contract/ipc-contract';
import { useAppStore } from '../../../platform/store/use-app-store';

export function PopupSettings(): ReactElement {
  const { t } = useTranslation();
  const visibility = useAppStore((s) => s.settings.popupVisibility);
  const updateSettings = useAppStore((s) => s.updateSettings);
  return (
    <div className="settings-field">
      <label htmlFor="settings-popup-visibility">{t('settings.popupVisibility')}</label>
      <select
        id="settings-popup-visibility"
        data-testid="settings-popup-visibility"
        value={visibility}
        aria-describedby="settings-popup-hint"
        onChange={(ev) => {
          const value = popupVisibilitySchema.safeParse(ev.target.value);
          if (value.success) void updateSettings({ popupVisibility: value.data satisfies PopupVisibility });
        }}
      >
        {popupVisibilitySchema.options.map((option) => (
          <option key={option} value={option}>
            {t(`settings.popup.${option}`)}
          </option>
        ))}
      </select>
      <p id="settings-popup-hint" className="field-hint muted">
        {t('settings.popupHint')}
      </p>
    </div>
  );
}
