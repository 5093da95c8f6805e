import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { languageSchema } from '../../../../src-preload/contract/settings';
import { useAppStore } from '../../platform/store/use-app-store';

/** FR/EN switch; the change applies live (optimistically) and is persisted by the engine. */
export function LanguageSelect(): ReactElement {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.settings.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  return (
    <select
      className="language-select"
      data-testid="language-select"
      aria-label={t('header.language')}
      title={t('header.language')}
      value={language}
      onChange={(ev) => {
        const value = languageSchema.safeParse(ev.target.value);
        if (value.success) void setLanguage(value.data);
      }}
    >
      {languageSchema.options.map((option) => (
        <option key={option} value={option} title={t(`language.${option}Name`)}>
          {t(`language.${option}`)}
        </option>
      ))}
    </select>
  );
}
