/**
 * What the calls feature shows in the app shell: the Search/Dial field, the
 * calls panel, the history (main view and Menu tabs Calls and History), the
 * incoming popups and the transfer dialog, the audio devices in Settings.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureViews, MainViewProps } from '../../platform/views/feature-views';
import { AudioDevicesSettings } from './audio-devices-settings';
import { CallsPanel } from './calls-panel';
import { DialField } from './dial-field';
import { IncomingPopups } from './incoming-popup';
import { JournalList } from './journal-list';
import { TransferDialog } from './transfer-dialog';
import { DialScopeDialog } from './dial-scope-dialog';
import { IceServersSettings, VoipProblemNote, VoipSwitchSettings } from './voip-settings';

function VoipProblemBanner(): ReactElement | null {
  return <VoipProblemNote testId="voip-problem" />;
}

/** The Menu view's Calls tab with no call in progress. */
function CallsHint(): ReactElement {
  const { t } = useTranslation();
  return <p className="empty-state menu-hint">{t('menu.callsHint')}</p>;
}

function History({ split }: MainViewProps): ReactElement {
  // the Details view opens a history row in its side pane
  return <JournalList selectable={split} />;
}

export const callsViews: FeatureViews = {
  mainSections: [
    { id: 'dial', order: 10, region: 'top', tabs: ['calls', 'contacts'], Component: DialField },
    // VoIP off or unable to work here (SPEC F5): said under the dial field
    { id: 'voip-problem', order: 11, region: 'top', tabs: ['calls'], Component: VoipProblemBanner },
    // calls are pinned above whatever is shown, and survive a short outage above the overlay
    { id: 'calls', order: 30, region: 'body', Component: CallsPanel },
    {
      id: 'calls-hint',
      order: 40,
      region: 'body',
      tabs: ['calls'],
      inList: false,
      inMenu: (s) => s.calls.length === 0,
      Component: CallsHint,
    },
    { id: 'history', order: 80, region: 'body', tabs: ['history'], wrapper: 'main-rest', Component: History },
  ],
  menuTabs: [
    { tab: 'calls', order: 10, icon: 'phone' },
    {
      tab: 'history',
      order: 30,
      icon: 'history',
      badge: { testId: 'menu-missed', count: (s) => s.missedCalls, labelKey: 'missed.badge' },
    },
  ],
  overlays: [
    { id: 'incoming-popups', order: 30, Component: IncomingPopups },
    { id: 'transfer', order: 50, Component: TransferDialog },
    { id: 'dial-scope', order: 51, Component: DialScopeDialog },
  ],
  settingsBlocks: [
    { id: 'voip-switch', section: 'voip', order: 5, Component: VoipSwitchSettings },
    { id: 'audio-devices', section: 'voip', order: 10, Component: AudioDevicesSettings },
    { id: 'ice-servers', section: 'voip', order: 40, Component: IceServersSettings },
  ],
};
