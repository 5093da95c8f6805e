/** Settings > Display > View (SPEC A6): List, Details, Menu, Collapsed. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ViewSelect } from './view-select';

export function ViewSettings(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="settings-field">
      <label htmlFor="settings-view">{t('settings.view')}</label>
      <ViewSelect id="settings-view" testId="settings-view" />
    </div>
  );
}
