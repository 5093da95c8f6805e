/**
 * Settings > Display (SPEC A6, A7): view, date format (applied to every
 * date shown) and zoom.
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { dateFormatSchema, ZOOM_MAX, ZOOM_MIN } from '../../../src-preload/contract/ipc-contract';
import { formatDate, localeFor } from '../lib/format';
import { useAppStore } from '../store/use-app-store';
import { Icon } from './icons';
import { ViewSelect } from './view-select';

export function SettingsDisplaySection(): ReactElement {
  const { t, i18n } = useTranslation();
  const dateFormat = useAppStore((s) => s.settings.dateFormat);
  const zoom = useAppStore((s) => s.settings.zoom);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const windowCommand = useAppStore((s) => s.windowCommand);
  const [today] = useState(() => Date.now());
  const example = formatDate(today, localeFor(i18n.language, navigator.languages), 'locale');
  return (
    <section className="settings-section" aria-labelledby="settings-display">
      <h2 id="settings-display" className="section-title">
        {t('settings.display')}
      </h2>
      <div className="settings-field">
        <label htmlFor="settings-view">{t('settings.view')}</label>
        <ViewSelect id="settings-view" testId="settings-view" />
      </div>
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
      <div className="settings-row">
        <span id="settings-zoom-label">{t('settings.zoom')}</span>
        <div className="zoom-controls" role="group" aria-labelledby="settings-zoom-label">
          <button
            type="button"
            className="icon-btn"
            data-testid="settings-zoom-out"
            aria-label={t('window.zoomOut')}
            title={t('window.zoomOut')}
            disabled={zoom <= ZOOM_MIN}
            onClick={() => void windowCommand('zoom-out')}
          >
            <Icon name="zoom-out" />
          </button>
          <output className="zoom-value" data-testid="settings-zoom-value" aria-live="polite">
            {t('settings.zoomValue', { percent: Math.round(zoom * 100) })}
          </output>
          <button
            type="button"
            className="icon-btn"
            data-testid="settings-zoom-in"
            aria-label={t('window.zoomIn')}
            title={t('window.zoomIn')}
            disabled={zoom >= ZOOM_MAX}
            onClick={() => void windowCommand('zoom-in')}
          >
            <Icon name="zoom-in" />
          </button>
          <button
            type="button"
            className="icon-btn"
            data-testid="settings-zoom-reset"
            aria-label={t('window.zoomReset')}
            title={t('window.zoomReset')}
            onClick={() => void windowCommand('zoom-reset')}
          >
            <Icon name="zoom-reset" />
          </button>
        </div>
      </div>
    </section>
  );
}
