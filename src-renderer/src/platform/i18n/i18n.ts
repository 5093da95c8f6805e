/**
 * i18next setup: one instance, one namespace, English and French bundled and
 * switched live from the settings slice. Every user-visible string goes
 * through `t('key')`. The strings come from the features (each owns the
 * top-level sections of its keys, see app/i18n-resources.ts).
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../../src-preload/contract/ipc-contract';
import type { Translations } from '../store/renderer-feature';

/**
 * Deep-merges the features' strings into one tree; a key two parts both
 * define is a mistake (two definitions of one text) and throws.
 */
export function mergeTranslations(parts: readonly Translations[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const merge = (into: Record<string, unknown>, from: Translations, path: string) => {
    for (const [key, value] of Object.entries(from)) {
      const here = path ? `${path}.${key}` : key;
      const existing = into[key];
      if (typeof value === 'object' && value !== null) {
        if (existing !== undefined && (typeof existing !== 'object' || existing === null)) {
          throw new Error(`i18n key ${here} is defined twice`);
        }
        const child = (existing as Record<string, unknown> | undefined) ?? {};
        into[key] = child;
        merge(child, value as Translations, here);
      } else {
        if (existing !== undefined) throw new Error(`i18n key ${here} is defined twice`);
        into[key] = value;
      }
    }
  };
  for (const part of parts) merge(out, part, '');
  return out;
}

/** The OS/browser language when we support it, else English. */
export function detectLanguage(languages: readonly string[] = navigator.languages): Language {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

export async function initI18n(language: Language, resources: Resource): Promise<I18n> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    // React escapes already
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  if (i18next.language === language) return;
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
