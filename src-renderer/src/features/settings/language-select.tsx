import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../src-preload/contract/ipc-contract';
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
        const value = ev.target.value;
        if (isLanguage(value)) void setLanguage(value);
      }}
    >
      <option value="en" title={t('language.enName')}>
        {t('language.en')}
      </option>
      <option value="fr" title={t('language.frName')}>
        {t('language.fr')}
      </option>
    </select>
  );
}

function isLanguage(value: string): value is Language {
  return value === 'en' || value === 'fr';
}
