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
}

const STRINGS: Record<Language, ShellStrings> = {
  en: { trayTooltip: 'Switchboard', trayShow: 'Show Switchboard', trayQuit: 'Quit' },
  fr: { trayTooltip: 'Switchboard', trayShow: 'Afficher Switchboard', trayQuit: 'Quitter' },
};

/** Strings for `language`; unknown languages fall back to English. */
export function shellStrings(language: string | undefined): ShellStrings {
  return language === 'fr' || language === 'en' ? STRINGS[language] : STRINGS.en;
}
