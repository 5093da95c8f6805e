/**
 * The tray's content (SPEC G4, B1) as plain data, so it is unit-tested
 * without Electron: the icon for the presence group, the tooltip/title/badge
 * with presence and counters, and the menu — the presence states as radio
 * items (while logged in), Show, Quit. desktop-shell.ts turns it into a
 * Menu template.
 */
import type { CountersView } from '../../src-preload/contract/ipc-contract';
import {
  PRESENCE_STATES,
  presenceGroupOf,
  type PresenceStateName,
  type PresenceView,
} from '../../src-preload/contract/presence';
import { presenceLabel, shellStrings } from './shell-strings';
import { trayBadge, type TrayBadge } from './tray-badge';

export type TrayMenuEntry =
  | { type: 'heading'; label: string }
  | { type: 'presence'; state: PresenceStateName; label: string; checked: boolean }
  | { type: 'separator' }
  | { type: 'show'; label: string }
  | { type: 'quit'; label: string };

export interface TrayModel {
  badge: TrayBadge;
  /** file in assets/: tray.png while the presence is unknown, tray-<group>.png otherwise */
  icon: string;
  menu: TrayMenuEntry[];
}

export interface TrayModelInput {
  /** null: logged out or not known yet (no presence items) */
  presence: PresenceView | null;
  counters: CountersView;
  /** settings language ('en' | 'fr'; anything else: English) */
  language: string | undefined;
  /** formats a return time for the tooltip (the shell uses Intl with the language) */
  formatDateTime: (epochMs: number) => string;
}

/** "Meeting until 22/11/2026 15:30" / "En réunion jusqu’au …", or undefined when unknown. */
export function presenceSummary(
  presence: PresenceView | null,
  language: string | undefined,
  formatDateTime: (epochMs: number) => string,
): string | undefined {
  if (presence === null) return undefined;
  const label = presenceLabel(language, presence.state);
  if (presence.returnAt === undefined) return label;
  return `${label} ${shellStrings(language).presenceUntil(formatDateTime(presence.returnAt))}`;
}

/** assets/ file of the tray icon for a presence (see assets/generate-presence-tray-icons.ts). */
export function trayIconFile(presence: PresenceView | null): string {
  return presence === null ? 'tray.png' : `tray-${presenceGroupOf(presence.state)}.png`;
}

/** See the file comment. */
export function trayModel(input: TrayModelInput): TrayModel {
  const strings = shellStrings(input.language);
  const menu: TrayMenuEntry[] = [];
  if (input.presence !== null) {
    const current = input.presence.state;
    menu.push({ type: 'heading', label: strings.trayPresence });
    for (const state of PRESENCE_STATES) {
      menu.push({ type: 'presence', state, label: presenceLabel(input.language, state), checked: state === current });
    }
    menu.push({ type: 'separator' });
  }
  menu.push(
    { type: 'show', label: strings.trayShow },
    { type: 'separator' },
    { type: 'quit', label: strings.trayQuit },
  );
  return {
    badge: trayBadge(input.counters, strings, presenceSummary(input.presence, input.language, input.formatDateTime)),
    icon: trayIconFile(input.presence),
    menu,
  };
}

/** Short date and time of a return time in the tray language (the shell's default formatter). */
export function formatTrayDateTime(epochMs: number, language: string | undefined): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(epochMs));
}
