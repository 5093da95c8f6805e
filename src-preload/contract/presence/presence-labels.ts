/**
 * The names of the presence states (SPEC B1) per language: one definition for
 * the renderer (i18n `presenceState.state.<state>`) and the shell's tray menu
 * and tooltip.
 */
import type { Language } from '../settings/settings-ipc';
import type { PresenceStateName } from './presence-model';

export const PRESENCE_LABELS: Readonly<Record<Language, Readonly<Record<PresenceStateName, string>>>> = {
  en: {
    office: 'Office',
    meeting: 'Meeting',
    sick: 'Sick',
    break: 'Break',
    'out-of-office': 'Out of office / business trip',
    vacation: 'Vacation',
    lunch: 'Lunch',
    home: 'Home',
    dnd: 'Do not disturb',
  },
  fr: {
    office: 'Au bureau',
    meeting: 'En réunion',
    sick: 'Malade',
    break: 'En pause',
    'out-of-office': 'Hors du bureau / en déplacement',
    vacation: 'En congés',
    lunch: 'Déjeuner',
    home: 'À la maison',
    dnd: 'Ne pas déranger',
  },
};

/** The name of a presence state in `language` (English for any other language). */
export function presenceLabel(language: string | undefined, state: PresenceStateName): string {
  return PRESENCE_LABELS[language === 'fr' ? 'fr' : 'en'][state];
}
