/** Settings > Display > Date format (SPEC A7), applied to every date shown. */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { dateFormatSchema } from '../../../../src-preload/contract/ipc-contract';
import { formatDate, localeFor } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';

export function DateFormatSettings(): ReactElement {
  const { t, i18n } = useTranslation();
  const dateFormat = useAppStore((s) => s.settings.dateFormat);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const [today] = useState(() => Date.now());
  const example = formatDate(today, localeFor(i18n.language, navigator.languages), 'locale');
  return (
    <div className="settings-field">
      <label htmlFor="settings-date-format">{t('settings.dateFormat')}</label>
      <select
        id="settings-date-format"
        data-testid="settings-date-format"
        value={dateFormat}
        onChange={(ev) => {
          const value = dateFormatSchema.safeParse(ev.target.value);
          if (value.success) void updateSettings({ dateFormat: value.data });
        }}
      >
        {dateFormatSchema.options.map((option) => (
          <option key={option} value={option}>
            {t(`settings.date.${option}`, { example })}
          </option>
        ))}
      </select>
    </div>
  );
}
