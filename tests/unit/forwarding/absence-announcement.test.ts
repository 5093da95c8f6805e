/**
 * The absence announcement (SPEC B2): the sentence per language, with the
 * return time in the user's zone; and espeak-ng's speech brought to the
 * voicemail service's 8 kHz.
 */
import { describe, expect, it } from 'vitest';
import { absenceAnnouncementText } from '../../../server/src/features/forwarding';
import { EspeakSynthesizer, resample } from '../../../server/src/features/voicemail/speech-synthesizer';

const MONDAY_14_9H_PARIS = Date.parse('2026-12-14T08:00:00Z');

describe('absenceAnnouncementText', () => {
  const vacation = { name: 'Bruno Müller', state: 'vacation' as const, timeZone: 'Europe/Paris' };

  it('says the absence and the return time in French and in English', () => {
    expect(absenceAnnouncementText('fr', { ...vacation, returnAt: MONDAY_14_9H_PARIS })).toBe(
      "Bruno Müller est en congés jusqu'au lundi 14 décembre à 09:00.",
    );
    expect(absenceAnnouncementText('en', { ...vacation, returnAt: MONDAY_14_9H_PARIS })).toBe(
      'Bruno Müller is on vacation until Monday 14 December at 09:00.',
    );
  });

  it('reads the return time in the user’s zone', () => {
    expect(
      absenceAnnouncementText('en', { ...vacation, timeZone: 'America/Montreal', returnAt: MONDAY_14_9H_PARIS }),
    ).toBe('Bruno Müller is on vacation until Monday 14 December at 03:00.');
  });

  it('without a return time, the absence only; nothing for Office', () => {
    expect(absenceAnnouncementText('fr', { ...vacation, state: 'meeting' })).toBe('Bruno Müller est en réunion.');
    expect(absenceAnnouncementText('en', { ...vacation, state: 'dnd' })).toBe(
      'Bruno Müller does not wish to be disturbed.',
    );
    expect(absenceAnnouncementText('en', { ...vacation, state: 'office' })).toBeUndefined();
  });
});

describe('speech for the voicemail service', () => {
  it('resamples to the target rate, keeping a constant level', () => {
    const input = new Int16Array(22_050).fill(1000);
    const out = resample(input, 22_050, 8_000);
    expect(out.length).toBe(8_000);
    expect(out.every((s) => s === 1000)).toBe(true);
  });

  it('espeak-ng speaks a French and an English sentence at 8 kHz, cached', async () => {
    const speech = new EspeakSynthesizer();
    const fr = await speech.speak('Bruno Müller est en congés.', 'fr');
    const en = await speech.speak('Bruno Müller is on vacation.', 'en');
    for (const samples of [fr, en]) {
      // about one to three seconds of speech, not silence
      expect(samples!.length).toBeGreaterThan(8_000);
      expect(samples!.length).toBeLessThan(8_000 * 5);
      expect(samples!.some((s) => Math.abs(s) > 1000)).toBe(true);
    }
    expect(await speech.speak('Bruno Müller est en congés.', 'fr')).toBe(fr);
  });

  it('without the engine: no announcement, said once', async () => {
    const said: string[] = [];
    const speech = new EspeakSynthesizer({ binary: 'no-such-espeak', logger: (m) => said.push(m) });
    expect(await speech.speak('x', 'en')).toBeUndefined();
    expect(await speech.speak('y', 'en')).toBeUndefined();
    expect(said).toHaveLength(1);
  });
});
