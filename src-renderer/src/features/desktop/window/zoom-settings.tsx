/** Settings > Display > Zoom (SPEC A6): the window's zoom (Electron) or the page's (web shell). */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ZOOM_MAX, ZOOM_MIN } from '../../../../../src-preload/contract/ipc-contract';
import { useAppStore } from '../../../platform/store/use-app-store';
import { IconButton } from '../../../platform/ui/icon-button';

export function ZoomSettings(): ReactElement {
  const { t } = useTranslation();
  const zoom = useAppStore((s) => s.settings.zoom);
  const windowCommand = useAppStore((s) => s.windowCommand);
  return (
    <div className="settings-row">
      <span id="settings-zoom-label">{t('settings.zoom')}</span>
      <div className="zoom-controls" role="group" aria-labelledby="settings-zoom-label">
        <IconButton
          icon="zoom-out"
          label={t('window.zoomOut')}
          testId="settings-zoom-out"
          disabled={zoom <= ZOOM_MIN}
          onPress={() => void windowCommand('zoom-out')}
        />
        <output className="zoom-value" data-testid="settings-zoom-value" aria-live="polite">
          {t('settings.zoomValue', { percent: Math.round(zoom * 100) })}
        </output>
        <IconButton
          icon="zoom-in"
          label={t('window.zoomIn')}
          testId="settings-zoom-in"
          disabled={zoom >= ZOOM_MAX}
          onPress={() => void windowCommand('zoom-in')}
        />
        <IconButton
          icon="zoom-reset"
          label={t('window.zoomReset')}
          testId="settings-zoom-reset"
          onPress={() => void windowCommand('zoom-reset')}
        />
      </div>
    </div>
  );
}
