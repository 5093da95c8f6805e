import { randomInt } from 'node:crypto';
import {
  CONFERENCE_URI_PREFIX,
  MAX_CONFERENCE_PARTICIPANTS,
  type Conference,
  type ConferenceList,
  type ConferenceParticipantState,
  type ConferencePatch,
  type NewConference,
  type NewConferenceParticipant,
} from '../../../../src-preload/contract/conferences';
import { ApiHttpError } from '../../platform/http/api-http-error';
import type { Db } from '../../platform/db/database';
import type { ServerContext } from '../../platform/server-context';
import type { ConferenceParticipantsTable } from './conferences-tables';

/** The number anyone dials to reach the conference service (kamailio.cfg route[CONFERENCE_URI] knows it too). */
export const CONFERENCE_DIAL_IN_NUMBER = '7000';
/** Digits of a generated PIN: 10^6 PINs, unique on the server, tried 3 times per call. */
const PIN_DIGITS = 6;

type ParticipantRow = Omit<ConferenceParticipantsTable, 'id'> & { id: number };

/** Who a PIN (or a member's identity) lets into which room. */
export interface ConferenceAdmission {
  readonly conferenceId: number;
  readonly conferenceName: string;
  /** the participant row; undefined: a guest (guest PIN) */
  readonly participantId: number | undefined;
  readonly name: string;
  /** moderator when admitted (the role may change in the room: {@link ConferenceService.moderatorsOf}) */
  readonly moderator: boolean;
}

/**
 * The rooms (SPEC I1–I4): CRUD for their members, PIN look-ups and state
 * writes for the conference agent. Every change is signalled
 * `conferences-changed` to the room's colleague participants (after the commit).
 * A caller who is not a participant of a room gets 404 for it (its existence is
 * not revealed); changes need a moderator (403).
 */
export class ConferenceService {
  readonly #ctx: Pick<ServerContext, 'db' | 'changes' | 'clock' | 'config'>;

  constructor(ctx: Pick<ServerContext, 'db' | 'changes' | 'clock' | 'config'>) {
    this.#ctx = ctx;
  }

  private get db(): Db {
    return this.#ctx.db;
  }

  /** The caller's rooms: active ones first (most people in them), then by name. */
  async list(accountId: number): Promise<ConferenceList> {
    const ids = await this.db
      .selectFrom('conference_participants')
      .select('conference_id')
      .where('account_id', '=', accountId)
      .execute();
    const conferences = await Promise.all(ids.map((r) => this.view(r.conference_id, accountId)));
    conferences.sort((a, b) => b.activeCount - a.activeCount || a.name.localeCompare(b.name) || a.id - b.id);
    return { conferences };
  }

  async get(accountId: number, conferenceId: number): Promise<Conference> {
    await this.membership(accountId, conferenceId);
    return this.view(conferenceId, accountId);
  }

  /** A new room; the caller is its first participant and moderator. */
  async create(accountId: number, body: NewConference): Promise<Conference> {
    const now = this.#ctx.clock.now();
    const creator = await this.account(accountId);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('conferences')
        .values({
          name: body.name,
          guest_pin: await this.freshPin(trx),
          guest_pin_enabled: body.guestPinEnabled ? 1 : 0,
          guests_in_room: 0,
          ends_at: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('conference_participants')
        .values(await this.participantValues(trx, row.id, 0, creator, true))
        .execute();
      let position = 1;
      for (const p of body.participants ?? []) {
        if (p.kind === 'internal' && p.number === creator.number) continue;
        await this.insertParticipant(trx, row.id, position++, p);
      }
      return row.id;
    });
    await this.signal(id);
    return this.view(id, accountId);
  }

  async patch(accountId: number, conferenceId: number, patch: ConferencePatch): Promise<Conference> {
    await this.requireModerator(accountId, conferenceId);
    await this.db
      .updateTable('conferences')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.guestPinEnabled !== undefined ? { guest_pin_enabled: patch.guestPinEnabled ? 1 : 0 } : {}),
        updated_at: this.#ctx.clock.now(),
      })
      .where('id', '=', conferenceId)
      .execute();
    await this.signal(conferenceId);
    return this.view(conferenceId, accountId);
  }

  async remove(accountId: number, conferenceId: number): Promise<void> {
    await this.requireModerator(accountId, conferenceId);
    const members = await this.memberAccounts(conferenceId);
    await this.db.deleteFrom('conferences').where('id', '=', conferenceId).execute();
    for (const member of members) this.#ctx.changes.signal(member, { type: 'conferences-changed' });
  }

  async addParticipant(accountId: number, conferenceId: number, p: NewConferenceParticipant): Promise<Conference> {
    await this.requireModerator(accountId, conferenceId);
    await this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('conference_participants')
        .select(['position'])
        .where('conference_id', '=', conferenceId)
        .execute();
      if (rows.length >= MAX_CONFERENCE_PARTICIPANTS) {
        throw new ApiHttpError(
          400,
          'invalid-request',
          `A conference has at most ${MAX_CONFERENCE_PARTICIPANTS} participants`,
        );
      }
      await this.insertParticipant(trx, conferenceId, Math.max(-1, ...rows.map((r) => r.position)) + 1, p);
    });
    await this.signal(conferenceId);
    return this.view(conferenceId, accountId);
  }

  async setModerator(
    accountId: number,
    conferenceId: number,
    participantId: number,
    moderator: boolean,
  ): Promise<Conference> {
    const self = await this.membership(accountId, conferenceId);
    // dropping one's own role is allowed to a moderator only, like every other change
    if (!self.moderator) throw new ApiHttpError(403, 'forbidden', 'Only a moderator can do this');
    const target = await this.participant(conferenceId, participantId);
    if (moderator && target.account_id === null) {
      throw new ApiHttpError(400, 'invalid-request', 'Only a colleague can be a moderator');
    }
    if (!moderator) await this.keepOneModerator(conferenceId, participantId);
    await this.db
      .updateTable('conference_participants')
      .set({ moderator: moderator ? 1 : 0 })
      .where('id', '=', participantId)
      .execute();
    await this.signal(conferenceId);
    return this.view(conferenceId, accountId);
  }

  async removeParticipant(accountId: number, conferenceId: number, participantId: number): Promise<Conference> {
    await this.requireModerator(accountId, conferenceId);
    const target = await this.participant(conferenceId, participantId);
    if (target.moderator) await this.keepOneModerator(conferenceId, participantId);
    const members = await this.memberAccounts(conferenceId);
    await this.db.deleteFrom('conference_participants').where('id', '=', participantId).execute();
    for (const member of members) this.#ctx.changes.signal(member, { type: 'conferences-changed' });
    return this.view(conferenceId, accountId);
  }

  /** A moderator disconnects a participant from the room now (they may dial in again). */
  async disconnect(accountId: number, conferenceId: number, participantId: number): Promise<Conference> {
    await this.requireModerator(accountId, conferenceId);
    await this.participant(conferenceId, participantId);
    // the conference service sees the participant idle while in the room, and hangs up
    await this.db
      .updateTable('conference_participants')
      .set({ state: 'idle' })
      .where('id', '=', participantId)
      .execute();
    await this.signal(conferenceId);
    return this.view(conferenceId, accountId);
  }

  /** A moderator ends the conference: everyone in the room is hung up (the room stays, for next time). */
  async end(accountId: number, conferenceId: number): Promise<Conference> {
    await this.requireModerator(accountId, conferenceId);
    await this.setEndsAt(conferenceId, this.#ctx.clock.now());
    return this.view(conferenceId, accountId);
  }

  // ------------------------------------------------------------ the conference agent's side

  /** Who the PIN lets in: a participant's personal PIN, or an enabled guest PIN. */
  async admitByPin(pin: string): Promise<ConferenceAdmission | undefined> {
    if (!/^[0-9]{4,12}$/.test(pin)) return undefined;
    const participant = await this.db
      .selectFrom('conference_participants as p')
      .innerJoin('conferences as c', 'c.id', 'p.conference_id')
      .select(['p.id', 'p.name', 'p.moderator', 'c.id as conferenceId', 'c.name as conferenceName'])
      .where('p.pin', '=', pin)
      .executeTakeFirst();
    if (participant) {
      return {
        conferenceId: participant.conferenceId,
        conferenceName: participant.conferenceName,
        participantId: participant.id,
        name: participant.name,
        moderator: participant.moderator === 1,
      };
    }
    const room = await this.db
      .selectFrom('conferences')
      .select(['id', 'name'])
      .where('guest_pin', '=', pin)
      .where('guest_pin_enabled', '=', 1)
      .executeTakeFirst();
    return room
      ? { conferenceId: room.id, conferenceName: room.name, participantId: undefined, name: 'Guest', moderator: false }
      : undefined;
  }

  /** A colleague calling `conf<id>` with their authenticated identity: admitted when a participant. */
  async admitMember(conferenceId: number, number: string): Promise<ConferenceAdmission | undefined> {
    const row = await this.db
      .selectFrom('conference_participants as p')
      .innerJoin('conferences as c', 'c.id', 'p.conference_id')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['p.id', 'p.name', 'p.moderator', 'c.name as conferenceName'])
      .where('p.conference_id', '=', conferenceId)
      .where('a.number', '=', number)
      .executeTakeFirst();
    return row
      ? {
          conferenceId,
          conferenceName: row.conferenceName,
          participantId: row.id,
          name: row.name,
          moderator: row.moderator === 1,
        }
      : undefined;
  }

  /**
   * The room's moderators now (participant ids): a moderator's role changes while they are in the
   * room, so the agent asks this when someone leaves rather than trusting the admission's snapshot.
   */
  async moderatorsOf(conferenceId: number): Promise<Set<number>> {
    const rows = await this.db
      .selectFrom('conference_participants')
      .select('id')
      .where('conference_id', '=', conferenceId)
      .where('moderator', '=', 1)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** The agent's report of where a participant is; a guest (no participant) counts in guests_in_room. */
  async setState(
    admission: Pick<ConferenceAdmission, 'conferenceId' | 'participantId'>,
    state: ConferenceParticipantState,
    previous: ConferenceParticipantState,
  ): Promise<void> {
    if (admission.participantId !== undefined) {
      await this.db
        .updateTable('conference_participants')
        .set({ state })
        .where('id', '=', admission.participantId)
        .execute();
    } else {
      const inRoom = (s: ConferenceParticipantState): boolean => s === 'waiting' || s === 'active';
      const delta = Number(inRoom(state)) - Number(inRoom(previous));
      if (delta !== 0) {
        const row = await this.db
          .selectFrom('conferences')
          .select('guests_in_room')
          .where('id', '=', admission.conferenceId)
          .executeTakeFirst();
        if (row) {
          await this.db
            .updateTable('conferences')
            .set({ guests_in_room: Math.max(0, row.guests_in_room + delta) })
            .where('id', '=', admission.conferenceId)
            .execute();
        }
      }
    }
    await this.signal(admission.conferenceId);
  }

  /** When the room ends (its last moderator left), or null; members see it (`endsAt`). */
  async setEndsAt(conferenceId: number, endsAt: number | null): Promise<void> {
    await this.db.updateTable('conferences').set({ ends_at: endsAt }).where('id', '=', conferenceId).execute();
    await this.signal(conferenceId);
  }

  /** At the agent's start nobody is in any room (a crash left states behind). */
  async resetStates(): Promise<void> {
    await this.db.updateTable('conference_participants').set({ state: 'idle' }).where('state', '!=', 'idle').execute();
    await this.db.updateTable('conferences').set({ guests_in_room: 0 }).where('guests_in_room', '!=', 0).execute();
    await this.db.updateTable('conferences').set({ ends_at: null }).where('ends_at', 'is not', null).execute();
  }

  // ------------------------------------------------------------ internals

  private async view(conferenceId: number, accountId: number): Promise<Conference> {
    const room = await this.db.selectFrom('conferences').selectAll().where('id', '=', conferenceId).executeTakeFirst();
    if (!room) throw notFound(conferenceId);
    const rows = (await this.db
      .selectFrom('conference_participants')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .orderBy('position')
      .execute()) as ParticipantRow[];
    const self = rows.find((r) => r.account_id === accountId);
    const moderator = self?.moderator === 1;
    const inRoom = rows.filter((r) => r.state === 'waiting' || r.state === 'active').length + room.guests_in_room;
    return {
      id: room.id,
      name: room.name,
      dialIn: CONFERENCE_DIAL_IN_NUMBER,
      joinUri: `sip:${CONFERENCE_URI_PREFIX}${room.id}@${this.#ctx.config.sipDomain}`,
      guestPin: moderator && room.guest_pin_enabled === 1 ? room.guest_pin : null,
      guestPinEnabled: room.guest_pin_enabled === 1,
      endsAt: room.ends_at === null ? null : Number(room.ends_at),
      moderator,
      activeCount: inRoom,
      participants: rows.map((r) => ({
        id: r.id,
        kind: r.account_id === null ? 'external' : 'internal',
        name: r.name,
        number: r.number,
        email: r.email,
        moderator: r.moderator === 1,
        pin: moderator || r.account_id === accountId ? r.pin : null,
        state: r.state as ConferenceParticipantState,
      })),
    };
  }

  private async membership(accountId: number, conferenceId: number): Promise<ParticipantRow> {
    const row = (await this.db
      .selectFrom('conference_participants')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .where('account_id', '=', accountId)
      .executeTakeFirst()) as ParticipantRow | undefined;
    if (!row) throw notFound(conferenceId);
    return row;
  }

  private async requireModerator(accountId: number, conferenceId: number): Promise<void> {
    const row = await this.membership(accountId, conferenceId);
    if (row.moderator !== 1) throw new ApiHttpError(403, 'forbidden', 'Only a moderator can do this');
  }

  private async participant(conferenceId: number, participantId: number): Promise<ParticipantRow> {
    const row = (await this.db
      .selectFrom('conference_participants')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .where('id', '=', participantId)
      .executeTakeFirst()) as ParticipantRow | undefined;
    if (!row) throw new ApiHttpError(404, 'not-found', `No participant ${participantId} in this conference`);
    return row;
  }

  /** 400 unless another moderator than `participantId` remains (issue #14: at least one). */
  private async keepOneModerator(conferenceId: number, participantId: number): Promise<void> {
    const others = await this.db
      .selectFrom('conference_participants')
      .select('id')
      .where('conference_id', '=', conferenceId)
      .where('moderator', '=', 1)
      .where('id', '!=', participantId)
      .execute();
    if (others.length === 0) {
      throw new ApiHttpError(400, 'invalid-request', 'A conference keeps at least one moderator');
    }
  }

  private async account(accountId: number): Promise<{ id: number; number: string; display_name: string }> {
    const row = await this.db
      .selectFrom('accounts')
      .select(['id', 'number', 'display_name'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!row) throw new ApiHttpError(401, 'unauthorized', 'Not authenticated');
    return row;
  }

  private async insertParticipant(trx: Db, conferenceId: number, position: number, p: NewConferenceParticipant) {
    if (p.kind === 'internal') {
      const account = await trx
        .selectFrom('accounts')
        .select(['id', 'number', 'display_name'])
        .where('number', '=', p.number)
        .executeTakeFirst();
      if (!account) throw new ApiHttpError(400, 'invalid-request', `No colleague with number ${p.number}`);
      const already = await trx
        .selectFrom('conference_participants')
        .select('id')
        .where('conference_id', '=', conferenceId)
        .where('account_id', '=', account.id)
        .executeTakeFirst();
      if (already) throw new ApiHttpError(400, 'invalid-request', `${account.display_name} is a participant already`);
      await trx
        .insertInto('conference_participants')
        .values(await this.participantValues(trx, conferenceId, position, account, false))
        .execute();
      return;
    }
    await trx
      .insertInto('conference_participants')
      .values({
        conference_id: conferenceId,
        account_id: null,
        name: p.name,
        number: p.number,
        email: p.email ?? null,
        moderator: 0,
        pin: await this.freshPin(trx),
        state: 'idle',
        position,
      })
      .execute();
  }

  private async participantValues(
    trx: Db,
    conferenceId: number,
    position: number,
    account: { id: number; number: string; display_name: string },
    moderator: boolean,
  ) {
    return {
      conference_id: conferenceId,
      account_id: account.id,
      name: account.display_name,
      number: account.number,
      email: null,
      moderator: moderator ? 1 : 0,
      pin: await this.freshPin(trx),
      state: 'idle',
      position,
    };
  }

  /** A PIN no participant and no room uses (bounded tries; the unique indexes are the last word). */
  private async freshPin(trx: Db): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const pin = String(randomInt(10 ** (PIN_DIGITS - 1), 10 ** PIN_DIGITS));
      const taken =
        (await trx.selectFrom('conference_participants').select('id').where('pin', '=', pin).executeTakeFirst()) ??
        (await trx.selectFrom('conferences').select('id').where('guest_pin', '=', pin).executeTakeFirst());
      if (!taken) return pin;
    }
    throw new ApiHttpError(409, 'conflict', 'No free conference PIN, try again');
  }

  private async memberAccounts(conferenceId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('conference_participants')
      .select('account_id')
      .where('conference_id', '=', conferenceId)
      .execute();
    return rows.flatMap((r) => (r.account_id === null ? [] : [r.account_id]));
  }

  private async signal(conferenceId: number): Promise<void> {
    for (const member of await this.memberAccounts(conferenceId)) {
      this.#ctx.changes.signal(member, { type: 'conferences-changed' });
    }
  }
}

function notFound(conferenceId: number): ApiHttpError {
  return new ApiHttpError(404, 'not-found', `No conference ${conferenceId}`);
}
