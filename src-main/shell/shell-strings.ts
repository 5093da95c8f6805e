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
    missedCalls: (count) => (count === 1 ? '1 missed call' : `${count} missed calls`),
    missedCallTitle: 'Missed call',
    missedCallBody: (who) => `${who} called you.`,
  },
  fr: {
    trayTooltip: 'Switchboard',
    trayShow: 'Afficher Switchboard',
    trayQuit: 'Quitter',
    missedCalls: (count) => (count === 1 ? '1 appel manqué' : `${count} appels manqués`),
    missedCallTitle: 'Appel manqué',
    missedCallBody: (who) => `${who} a essayé de vous joindre.`,
  },
};

/** Strings for `language`; unknown languages fall back to English. */
export function shellStrings(language: string | undefined): ShellStrings {
  return language === 'fr' || language === 'en' ? STRINGS[language] : STRINGS.en;
}
