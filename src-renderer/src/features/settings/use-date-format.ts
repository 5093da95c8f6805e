import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, localeFor } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';

/**
 * Date formatting that follows the UI language (live FR/EN switch) and the
 * date-format setting (SPEC A7); every component showing a date uses it.
 */
export function useDateFormat(): { dateTime(epochMs: number): string; date(epochMs: number): string } {
  const { i18n } = useTranslation();
  const dateFormat = useAppStore((s) => s.settings.dateFormat);
  const locale = localeFor(i18n.language, navigator.languages);
  return {
    dateTime: (epochMs) => formatDateTime(epochMs, locale, dateFormat),
    date: (epochMs) => formatDate(epochMs, locale, dateFormat),
  };
}
