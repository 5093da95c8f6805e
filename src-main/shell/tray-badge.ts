/**
 * What the tray and the dock show for the counters and the presence (SPEC G4:
 * "tray icon with presence and counters"). No `electron` import.
 */
import type { CountersView } from '../../src-preload/contract/ipc-contract';
import type { ShellStrings } from './shell-strings';

export interface TrayBadge {
  /** Tray.setToolTip */
  tooltip: string;
  /** macOS Tray.setTitle (text next to the menu-bar icon); '' clears it */
  title: string;
  /** app.setBadgeCount (macOS dock, Linux Unity launchers); 0 clears it */
  badgeCount: number;
}

/** Windows truncates tray tooltips at 127 characters: cut ourselves, visibly. */
export const TRAY_TOOLTIP_MAX = 127;

/**
 * Tooltip / title / badge for the counters (a bare number = missed calls
 * only) and an optional presence text ("Meeting until 15:30"). The title and
 * badge carry everything still to look at: missed calls + unread messages +
 * new voicemails.
 */
export function trayBadge(counters: number | CountersView, strings: ShellStrings, presence?: string): TrayBadge {
  const c: CountersView =
    typeof counters === 'number' ? { missedCalls: counters, unreadMessages: 0, newVoicemails: 0 } : counters;
  const missed = countOf(c.missedCalls);
  const unread = countOf(c.unreadMessages);
  const voicemails = countOf(c.newVoicemails);
  const parts = [
    missed > 0 ? strings.missedCalls(missed) : '',
    unread > 0 ? strings.unreadMessages(unread) : '',
    voicemails > 0 ? strings.newVoicemails(voicemails) : '',
  ].filter((part) => part !== '');
  const tooltip = [strings.trayTooltip, presence ?? '', parts.join(', ')].filter((part) => part !== '').join(' — ');
  const total = missed + unread + voicemails;
  return {
    tooltip: tooltip.length > TRAY_TOOLTIP_MAX ? `${tooltip.slice(0, TRAY_TOOLTIP_MAX - 1)}…` : tooltip,
    title: total === 0 ? '' : total > 99 ? '99+' : String(total),
    badgeCount: total,
  };
}

function countOf(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
}
