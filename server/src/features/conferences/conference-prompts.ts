import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeWav, encodeMulaw, VOICEMAIL_SAMPLE_RATE } from '../voicemail';

const run = promisify(execFile);

/** The conference service's voice prompts, French then English (one prompt serves every caller). */
export const CONFERENCE_PROMPT_TEXTS = {
  enterPin: {
    fr: 'Bienvenue. Tapez votre code de conférence, suivi de dièse.',
    en: 'Welcome. Please enter your conference PIN, followed by the hash key.',
  },
  wrongPin: { fr: 'Code erroné. Tapez à nouveau votre code.', en: 'Wrong PIN. Please try again.' },
  goodbye: { fr: 'Au revoir.', en: 'Goodbye.' },
  alone: { fr: 'Vous êtes le premier participant.', en: 'You are the first participant.' },
  endingSoon: {
    fr: 'Le dernier modérateur est parti. La conférence se termine dans cinq minutes.',
    en: 'The last moderator has left. The conference ends in five minutes.',
  },
} as const;

export type ConferencePrompt = keyof typeof CONFERENCE_PROMPT_TEXTS;

/** µ-law 8 kHz audio of each prompt, and `music`: what a lone participant hears (looped). */
export type ConferencePrompts = Record<ConferencePrompt | 'music', Uint8Array>;

/** The waiting music: a slow arpeggio (C major, A minor, F major, G major), synthesized by sox. */
const MUSIC_NOTES_HZ = [262, 330, 392, 330, 220, 262, 330, 262, 175, 220, 262, 220, 196, 247, 294, 247];
const MUSIC_NOTE_S = 0.35;

/**
 * Loads the prompts from `dir`, synthesizing the missing ones first (espeak-ng
 * for each language, sox to join and resample them to 8 kHz mono): generated
 * on the first start, cached for the next ones.
 */
export async function loadConferencePrompts(dir: string): Promise<ConferencePrompts> {
  mkdirSync(dir, { recursive: true });
  const prompts = {} as ConferencePrompts;
  for (const [name, text] of Object.entries(CONFERENCE_PROMPT_TEXTS) as [
    ConferencePrompt,
    { fr: string; en: string },
  ][]) {
    // the text's hash in the name: an edited prompt is synthesized again, not served from the cache
    const hash = createHash('sha256').update(`${text.fr}\n${text.en}`).digest('hex').slice(0, 10);
    const path = join(dir, `${name}-${hash}.wav`);
    if (!existsSync(path)) {
      const fr = join(dir, `${name}.fr.tmp.wav`);
      const en = join(dir, `${name}.en.tmp.wav`);
      const out = join(dir, `${name}.tmp.wav`);
      try {
        await run('espeak-ng', ['-v', 'fr', '-s', '160', '-w', fr, text.fr]);
        await run('espeak-ng', ['-v', 'en', '-s', '160', '-w', en, text.en]);
        await run('sox', [fr, en, '-r', String(VOICEMAIL_SAMPLE_RATE), '-c', '1', '-b', '16', out]);
        renameSync(out, path);
      } finally {
        for (const tmp of [fr, en, out]) rmSync(tmp, { force: true });
      }
    }
    const wav = decodeWav(readFileSync(path));
    if (wav.sampleRate !== VOICEMAIL_SAMPLE_RATE) throw new Error(`${path}: ${wav.sampleRate} Hz, not 8000`);
    prompts[name] = encodeMulaw(wav.samples);
  }
  prompts.music = await loadMusic(dir);
  return prompts;
}

async function loadMusic(dir: string): Promise<Uint8Array> {
  const hash = createHash('sha256')
    .update(`${MUSIC_NOTES_HZ.join(',')}/${MUSIC_NOTE_S}`)
    .digest('hex')
    .slice(0, 10);
  const path = join(dir, `music-${hash}.wav`);
  if (!existsSync(path)) {
    const notes = MUSIC_NOTES_HZ.map((_, i) => join(dir, `music-${i}.tmp.wav`));
    const out = join(dir, 'music.tmp.wav');
    try {
      for (const [i, hz] of MUSIC_NOTES_HZ.entries()) {
        // a soft sine note with short fades (no clicks), at a quarter of full scale
        await run('sox', [
          '-n',
          '-r',
          String(VOICEMAIL_SAMPLE_RATE),
          '-c',
          '1',
          '-b',
          '16',
          notes[i]!,
          'synth',
          String(MUSIC_NOTE_S),
          'sine',
          String(hz),
          'fade',
          '0.03',
          String(MUSIC_NOTE_S),
          '0.1',
          'vol',
          '0.25',
        ]);
      }
      await run('sox', [...notes, out]);
      renameSync(out, path);
    } finally {
      for (const tmp of [...notes, out]) rmSync(tmp, { force: true });
    }
  }
  return encodeMulaw(decodeWav(readFileSync(path)).samples);
}
