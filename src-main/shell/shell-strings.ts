/**
 * The few user-visible strings the Electron shell shows itself (tray menu,
 * tooltip), per settings language. The renderer has its own i18next
 * resources; the shell stays dependency-free with this table.
 */
import type { Language } from '../../src-preload/contract/ipc-contract';

export interface ShellStrings {
  trayTooltip: string;
  trayShow: string;
  trayQuit: string;
  /** tray menu heading above the presence states (SPEC B1, G4) */
  trayPresence: string;
  /** "until 15:30" after the state in the tray tooltip */
  presenceUntil: (time: string) => string;
  /** "2 unread messages" (tray tooltip) */
  unreadMessages: (count: number) => string;
  /** "1 new voicemail" (tray tooltip) */
  newVoicemails: (count: number) => string;
  /** "3 missed calls" (tray tooltip) */
  missedCalls: (count: number) => string;
  /** title of the missed-call notification */
  missedCallTitle: string;
  /** body of the missed-call notification: who called */
  missedCallBody: (who: string) => string;
}

const STRINGS: Record<Language, ShellStrings> = {
  en: {
    trayTooltip: 'Switchboard',
    trayShow: 'Show Switchboard',
    trayQuit: 'Quit',
    trayPresence: 'Presence',
    presenceUntil: (time) => `until ${time}`,
    unreadMessages: (count) => (count === 1 ? '1 unread message' : `${count} unread messages`),
    newVoicemails: (count) => (count === 1 ? '1 new voicemail' : `${count} new voicemails`),
    missedCalls: (count) => (count === 1 ? '1 missed call' : `${count} missed calls`),
    missedCallTitle: 'Missed call',
    missedCallBody: (who) => `${who} called you.`,
  },
  fr: {
    trayTooltip: 'Switchboard',
    trayShow: 'Afficher Switchboard',
    trayQuit: 'Quitter',
    trayPresence: 'Présence',
    presenceUntil: (time) => `jusqu’au ${time}`,
    unreadMessages: (count) => (count === 1 ? '1 message non lu' : `${count} messages non lus`),
    newVoicemails: (count) => (count === 1 ? '1 nouveau message vocal' : `${count} nouveaux messages vocaux`),
    missedCalls: (count) => (count === 1 ? '1 appel manqué' : `${count} appels manqués`),
    missedCallTitle: 'Appel manqué',
    missedCallBody: (who) => `${who} a essayé de vous joindre.`,
  },
};

/** The name of a presence state (SPEC B1): one definition, in the contract. */
export { presenceLabel } from '../../src-preload/contract/presence';

/** Strings for `language`; unknown languages fall back to English. */
export function shellStrings(language: string | undefined): ShellStrings {
  return language === 'fr' || language === 'en' ? STRINGS[language] : STRINGS.en;
}
