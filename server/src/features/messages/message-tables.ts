import type { Generated } from 'kysely';
import type { SipDelivery } from '../../../../src-preload/contract/messages';

/**
 * Kysely table types of the instant messages (migrations 0016, 0023 and 0027, SPEC E6),
 * added to the server's Database: times are BIGINT epoch ms.
 */
declare module '../../platform/db/database' {
  interface Database {
    messages: MessagesTable;
    message_revision: MessageRevisionTable;
  }
}

/** One message, stored once and visible to its sender and its recipient. */
export interface MessagesTable {
  id: Generated<number>;
  sender_account_id: number;
  recipient_account_id: number;
  body: string;
  sent_at: number;
  /** when the recipient marked it read (NULL: unread) */
  read_at: number | null;
  /** bumped at creation and when read: the pull cursor of both accounts */
  revision: number;
  /** the sender's Idempotency-Key (shown to the sender only, to match its outbox) */
  client_key: string | null;
  /** sent on as SIP MESSAGE to the recipient's phones (migration 0023): NULL none registered, or how it went */
  sip_delivery: SipDelivery | null;
  /** deleted by the sender for themselves (migration 0027; 0/1): the recipient keeps it */
  hidden_for_sender: Generated<number>;
  /** deleted by the recipient for themselves (migration 0027; 0/1): the sender keeps it */
  hidden_for_recipient: Generated<number>;
}

/** The single-row revision counter (id = 1): monotonic, never reused, even after deletes. */
export interface MessageRevisionTable {
  id: number;
  revision: number;
}
