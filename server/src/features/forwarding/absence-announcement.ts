/**
 * What a caller forwarded because of the callee's presence hears first (SPEC
 * B2): the kind of absence and the return time, in French then English,
 * e.g. "Bruno Müller est en congés jusqu'au lundi 14 décembre à 09:00." —
 * spoken by the voicemail service before its greeting. Only for calls
 * forwarded by the presence (RFC 5806 reasons `away`, `do-not-disturb`), and
 * only as far as the callee's visibility allows (SPEC B3: `internal` tells
 * internal callers only, `none` nobody).
 */
import type { PresenceStateName } from '../../../../src-preload/contract/presence';
import type { ServerContext } from '../../platform/server-context';
import { PresenceService } from '../presence';
import { ForwardingService } from './forwarding-service';

export const ANNOUNCEMENT_LANGUAGES = ['fr', 'en'] as const;
export type AnnouncementLanguage = (typeof ANNOUNCEMENT_LANGUAGES)[number];

/** Turns a sentence into 8 kHz mono 16-bit samples (espeak-ng in the voicemail service). */
export interface SpeechSynthesizer {
  /** undefined: cannot speak now (no engine): the call goes on without the announcement */
  speak(text: string, language: AnnouncementLanguage): Promise<Int16Array | undefined>;
}

/** The diversion reasons that come from the callee's presence. */
const PRESENCE_REASONS = new Set(['away', 'do-not-disturb']);

const STATE_PHRASES: Record<AnnouncementLanguage, Record<Exclude<PresenceStateName, 'office'>, string>> = {
  fr: {
    meeting: 'est en réunion',
    sick: 'est absent pour maladie',
    break: 'est en pause',
    'out-of-office': 'est en déplacement',
    vacation: 'est en congés',
    lunch: 'est en pause déjeuner',
    home: 'travaille à domicile',
    dnd: 'ne peut pas être dérangé',
  },
  en: {
    meeting: 'is in a meeting',
    sick: 'is off sick',
    break: 'is on a break',
    'out-of-office': 'is out of the office',
    vacation: 'is on vacation',
    lunch: 'is at lunch',
    home: 'is working from home',
    dnd: 'does not wish to be disturbed',
  },
};

const UNTIL: Record<AnnouncementLanguage, string> = { fr: "jusqu'au", en: 'until' };
const LOCALES: Record<AnnouncementLanguage, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * The sentence for one language; undefined for Office (nothing to announce).
 * The return time is read in `timeZone` (the user's, from their forwarding rules).
 */
export function absenceAnnouncementText(
  language: AnnouncementLanguage,
  absence: { name: string; state: PresenceStateName; returnAt?: number | undefined; timeZone: string },
): string | undefined {
  if (absence.state === 'office') return undefined;
  const phrase = STATE_PHRASES[language][absence.state];
  if (absence.returnAt === undefined) return `${absence.name} ${phrase}.`;
  const when = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: absence.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(absence.returnAt));
  return `${absence.name} ${phrase} ${UNTIL[language]} ${when}.`;
}

/** One call that reached a mailbox. */
export interface AbsenceCall {
  /** the mailbox's number (the callee) */
  mailbox: string;
  /** RFC 5806 reason of the Diversion Kamailio added, if any */
  reason: string | undefined;
  /** the caller's internal number when Kamailio vouched for it (our domain), else undefined */
  internalCaller: string | undefined;
}

/** Silence between the French and the English sentence, and after them. */
const PAUSE_MS = 400;

export class AbsenceAnnouncer {
  readonly #ctx: ServerContext;
  readonly #synthesizer: SpeechSynthesizer;
  readonly #presence: PresenceService;
  readonly #forwarding: ForwardingService;

  constructor(ctx: ServerContext, synthesizer: SpeechSynthesizer) {
    this.#ctx = ctx;
    this.#synthesizer = synthesizer;
    // reads only: the presence routes own the return timers
    this.#presence = new PresenceService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
    this.#forwarding = new ForwardingService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
  }

  /** The sentences for this call, French first (none: nothing to announce). */
  async texts(call: AbsenceCall): Promise<{ language: AnnouncementLanguage; text: string }[]> {
    if (call.reason === undefined || !PRESENCE_REASONS.has(call.reason)) return [];
    const account = await this.#ctx.db
      .selectFrom('accounts')
      .select(['id', 'display_name'])
      .where('number', '=', call.mailbox)
      .executeTakeFirst();
    if (!account) return [];
    const presence = await this.#presence.get(account.id);
    if (presence.visibility === 'none') return [];
    if (presence.visibility === 'internal') {
      const internal =
        call.internalCaller !== undefined &&
        (await this.#ctx.db
          .selectFrom('accounts')
          .select('id')
          .where('number', '=', call.internalCaller)
          .executeTakeFirst()) !== undefined;
      if (!internal) return [];
    }
    const timeZone = (await this.#forwarding.get(account.id)).rules?.timeZone ?? 'UTC';
    const absence = { name: account.display_name, state: presence.state, returnAt: presence.returnAt, timeZone };
    return ANNOUNCEMENT_LANGUAGES.flatMap((language) => {
      const text = absenceAnnouncementText(language, absence);
      return text === undefined ? [] : [{ language, text }];
    });
  }

  /** The announcement as 8 kHz samples, or undefined (nothing to say, or no speech engine). */
  async samples(call: AbsenceCall, sampleRate: number): Promise<Int16Array | undefined> {
    const texts = await this.texts(call);
    const parts: Int16Array[] = [];
    const pause = new Int16Array(Math.round((sampleRate * PAUSE_MS) / 1000));
    for (const { language, text } of texts) {
      const spoken = await this.#synthesizer.speak(text, language);
      if (spoken === undefined) return undefined;
      parts.push(spoken, pause);
    }
    if (parts.length === 0) return undefined;
    const all = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      all.set(part, offset);
      offset += part.length;
    }
    return all;
  }
}
