/**
 * Window chrome buttons (SPEC A5, A6): Pin on top, Dock, Minimize, Close to
 * the tray. Electron only: in the web shell a page cannot do any of it, so
 * they are not shown there.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { WindowCommand } from '../../../../../src-preload/contract/ipc-contract';
import { useAppStore } from '../../../platform/store/use-app-store';
import type { IconName } from '../../../platform/ui/icon';
import { IconButton } from '../../../platform/ui/icon-button';

export function WindowControls(): ReactElement | null {
  const { t } = useTranslation();
  const shellKind = useAppStore((s) => s.shellKind);
  const pinned = useAppStore((s) => s.settings.pinOnTop);
  if (shellKind !== 'electron') return null;
  return (
    <div className="window-controls" role="group" aria-label={t('header.menu')}>
      <WindowButton
        command="toggle-pin"
        icon="pin"
        label={pinned ? t('window.unpin') : t('window.pin')}
        pressed={pinned}
        testId="window-pin"
      />
      <WindowButton command="dock" icon="dock" label={t('window.dock')} testId="window-dock" />
      <WindowButton command="minimize" icon="minimize" label={t('window.minimize')} testId="window-minimize" />
      <WindowButton command="close" icon="close" label={t('window.close')} testId="window-close" />
    </div>
  );
}

function WindowButton({
  command,
  icon,
  label,
  pressed,
  testId,
}: {
  command: WindowCommand;
  icon: IconName;
  label: string;
  pressed?: boolean;
  testId: string;
}): ReactElement {
  const windowCommand = useAppStore((s) => s.windowCommand);
  return (
    <IconButton
      icon={icon}
      label={label}
      testId={testId}
      className="icon-btn-small"
      pressed={pressed}
      onPress={() => void windowCommand(command)}
    />
  );
}
