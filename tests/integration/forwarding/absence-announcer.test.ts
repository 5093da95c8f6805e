/**
 * Who hears the absence announcement (SPEC B2, B3), on a real server
 * database: only calls forwarded by the presence (away, do not disturb), as
 * far as the callee's visibility allows, with the return time in the zone of
 * their forwarding rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultForwardingRules } from '../../../src-preload/contract/forwarding';
import {
  AbsenceAnnouncer,
  ForwardingService,
  type AnnouncementLanguage,
  type SpeechSynthesizer,
} from '../../../server/src/features/forwarding';
import { PresenceService } from '../../../server/src/features/presence';
import { insertTestAccount } from '../../support/insert-test-account';
import { openTestServerContext, type TestServerContext } from '../../support/open-test-server-context';

class RecordingSpeech implements SpeechSynthesizer {
  readonly said: { language: AnnouncementLanguage; text: string }[] = [];
  async speak(text: string, language: AnnouncementLanguage): Promise<Int16Array> {
    this.said.push({ language, text });
    return new Int16Array(800).fill(500);
  }
}

describe('absence announcer', () => {
  const now = Date.parse('2026-12-07T09:00:00Z');
  const clock = { now: () => now };
  let server: TestServerContext;
  let bruno: number;
  let presence: PresenceService;

  beforeAll(async () => {
    server = await openTestServerContext({ prefix: 'sb-absence-', clock });
    bruno = await insertTestAccount(server.ctx.db, '101', 'Bruno Müller');
    await insertTestAccount(server.ctx.db, '100', 'Alice Martin');
    presence = new PresenceService({ db: server.ctx.db, changes: server.ctx.changes, clock });
    await new ForwardingService({ db: server.ctx.db, changes: server.ctx.changes, clock }).set(
      bruno,
      defaultForwardingRules('Europe/Paris'),
    );
  });

  afterAll(async () => {
    await server?.close();
  });

  /** `caller` null: an external caller (not vouched for by the proxy) */
  const texts = (reason: string | undefined, caller: string | null = '100') =>
    new AbsenceAnnouncer(server.ctx, new RecordingSpeech()).texts({
      mailbox: '101',
      reason,
      internalCaller: caller ?? undefined,
    });

  it('announces a presence forward in French then English, return time in the user’s zone', async () => {
    await presence.set(bruno, { state: 'vacation', returnAt: Date.parse('2026-12-14T08:00:00Z'), visibility: 'all' });
    expect(await texts('away', null)).toEqual([
      { language: 'fr', text: "Bruno Müller est en congés jusqu'au lundi 14 décembre à 09:00." },
      { language: 'en', text: 'Bruno Müller is on vacation until Monday 14 December at 09:00.' },
    ]);
    const speech = new RecordingSpeech();
    const samples = await new AbsenceAnnouncer(server.ctx, speech).samples(
      { mailbox: '101', reason: 'away', internalCaller: '100' },
      8_000,
    );
    // both sentences and a pause after each
    expect(samples?.length).toBe(2 * (800 + 3_200));
  });

  it('says nothing for other forwards (no answer, busy, immediate) or plain voicemail calls', async () => {
    for (const reason of ['no-answer', 'user-busy', 'unconditional', 'deflection', undefined]) {
      expect(await texts(reason)).toEqual([]);
    }
  });

  it('follows the visibility: internal only → internal callers; not visible → nobody', async () => {
    await presence.set(bruno, { state: 'meeting', visibility: 'internal' });
    expect((await texts('away', '100')).map((t) => t.text)).toEqual([
      'Bruno Müller est en réunion.',
      'Bruno Müller is in a meeting.',
    ]);
    expect(await texts('away', null)).toEqual([]);
    expect(await texts('away', '999')).toEqual([]);
    await presence.set(bruno, { state: 'meeting', visibility: 'none' });
    expect(await texts('away', '100')).toEqual([]);
  });
});
