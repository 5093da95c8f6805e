import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { mainViewSchema } from '../../../../../src-preload/contract/ipc-contract';
import { MAIN_VIEWS } from './views-slice';
import { useAppStore } from '../../../platform/store/use-app-store';

/** List / Details / Menu / Collapsed (SPEC A6): in the header and in Settings > Display. */
export function ViewSelect({ id, testId }: { id?: string; testId: string }): ReactElement {
  const { t } = useTranslation();
  const view = useAppStore((s) => s.settings.view);
  const setMainView = useAppStore((s) => s.setMainView);
  return (
    <select
      id={id}
      className="view-select"
      data-testid={testId}
      value={view}
      aria-label={id ? undefined : t('view.switcher')}
      title={t('view.switcher')}
      onChange={(ev) => {
        const value = mainViewSchema.safeParse(ev.target.value);
        if (value.success) void setMainView(value.data);
      }}
    >
      {MAIN_VIEWS.map((option) => (
        <option key={option} value={option}>
          {t(`view.${option}`)}
        </option>
      ))}
    </select>
  );
}
