import { describe, expect, it } from 'vitest';
import { PRESENCE_LABELS, PRESENCE_STATES, presenceLabel } from '../../../src-preload/contract/presence';

describe('presence labels (contract)', () => {
  it('names every state in English and French', () => {
    for (const language of ['en', 'fr'] as const) {
      expect(Object.keys(PRESENCE_LABELS[language]).sort()).toEqual([...PRESENCE_STATES].sort());
      for (const state of PRESENCE_STATES) expect(PRESENCE_LABELS[language][state].trim()).not.toBe('');
    }
    expect(PRESENCE_LABELS.fr.office).toBe('Au bureau');
    expect(PRESENCE_LABELS.en.dnd).toBe('Do not disturb');
  });

  it('falls back to English for any other language', () => {
    expect(presenceLabel('fr', 'lunch')).toBe('Déjeuner');
    expect(presenceLabel('de', 'lunch')).toBe('Lunch');
    expect(presenceLabel(undefined, 'home')).toBe('Home');
  });
});
