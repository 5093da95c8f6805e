/**
 * What the tray and the dock show for the counters (SPEC G4: "tray icon with
 * presence and counters"). Presence joins in a later issue. No `electron` import.
 */
import type { ShellStrings } from './shell-strings';

export interface TrayBadge {
  /** Tray.setToolTip */
  tooltip: string;
  /** macOS Tray.setTitle (text next to the menu-bar icon); '' clears it */
  title: string;
  /** app.setBadgeCount (macOS dock, Linux Unity launchers); 0 clears it */
  badgeCount: number;
}

/** Tooltip / title / badge for `missedCalls` unseen missed calls. */
export function trayBadge(missedCalls: number, strings: ShellStrings): TrayBadge {
  const count = Number.isFinite(missedCalls) ? Math.max(0, Math.floor(missedCalls)) : 0;
  if (count === 0) return { tooltip: strings.trayTooltip, title: '', badgeCount: 0 };
  const shown = count > 99 ? '99+' : String(count);
  return {
    tooltip: `${strings.trayTooltip} — ${strings.missedCalls(count)}`,
    title: shown,
    badgeCount: count,
  };
}
