/**
 * The one i18next namespace: the platform's and the app shell's strings plus
 * every feature's, merged (a key defined twice throws). English and French
 * have the same keys (tests/unit/renderer/i18n-keys.test.ts).
 */
import { mergeTranslations } from '../platform/i18n/i18n';
import platformEn from '../platform/i18n/en.json';
import platformFr from '../platform/i18n/fr.json';
import { FEATURES } from './feature-registry';
import appEn from './i18n/en.json';
import appFr from './i18n/fr.json';

export const en = mergeTranslations([platformEn, appEn, ...FEATURES.map((f) => f.i18n.en)]);
export const fr = mergeTranslations([platformFr, appFr, ...FEATURES.map((f) => f.i18n.fr)]);

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;
