import type { Generated } from 'kysely';

/**
 * Kysely table types of the conferences (migration 0026, SPEC I1–I4), added to
 * the server's Database. A room is visible to its participants only.
 */
declare module '../../platform/db/database' {
  interface Database {
    conferences: ConferencesTable;
    conference_participants: ConferenceParticipantsTable;
  }
}

// type aliases, not interfaces: Kysely's withTables needs an implicit index signature
export type ConferencesTables = {
  conferences: ConferencesTable;
  conference_participants: ConferenceParticipantsTable;
};

export type ConferencesTable = {
  id: Generated<number>;
  name: string;
  /** always set (unique); dial-in with it only while guest_pin_enabled = 1 */
  guest_pin: string;
  guest_pin_enabled: number;
  /** callers in the room with the guest PIN (written by the conference agent) */
  guests_in_room: number;
  /** epoch ms the room ends at (the last moderator left), else null */
  ends_at: number | null;
  created_at: number;
  updated_at: number;
};

export type ConferenceParticipantsTable = {
  id: Generated<number>;
  conference_id: number;
  /** colleagues: their account; externals: null */
  account_id: number | null;
  name: string;
  number: string;
  email: string | null;
  /** 0/1 */
  moderator: number;
  /** personal PIN (conference ID), unique on the server */
  pin: string;
  /** idle | dialing-in | waiting | active (see ConferenceParticipantState) */
  state: string;
  position: number;
};
