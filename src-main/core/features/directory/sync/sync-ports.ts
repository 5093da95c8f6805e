import type { DirectoryEntryView } from '../../../../../src-preload/contract/ipc-contract';
import type {
  Change,
  ChangesResponse,
  ContactCreate,
  ContactMutationResponse,
  ContactPatch,
  DirectoryEntry,
} from '../../../../../src-preload/contract/directory/directory-http';

/**
 * What the sync engine needs from the local directory cache
 * (features/directory/DirectoryCache implements it). Every method is
 * synchronous and writes through the same better-sqlite3 connection as the
 * engine, so the engine can wrap several calls in one transaction.
 */
export interface SyncCache {
  /** last change-feed revision applied */
  readonly revision: number;
  /** Applies server changes (upserts/deletes) and stores `revision`, atomically. */
  applyChanges(changes: readonly Change[], revision: number): void;
  /** One cached entry, or undefined. */
  get(id: string): DirectoryEntryView | undefined;
  /** Writes a personal contact changed on this device, flagged pendingSync. */
  upsertLocal(entry: DirectoryEntry): void;
  /** Removes a personal contact deleted on this device (or reverted). No-op if absent. */
  deleteLocal(id: string): void;
  /** Sets or clears the pendingSync flag. No-op if absent. */
  setPendingSync(id: string, pending: boolean): void;
  /** Removes every entry but pending local edits and sets the revision to 0 (full resync). */
  reset(): void;
}

/**
 * What the sync engine needs from the UC server (DirectoryApi implements
 * it). Methods throw {@link UcClientError}; `transient` errors are retried.
 */
export interface SyncTransport {
  changes(since: number, limit: number): Promise<ChangesResponse>;
  createContact(body: ContactCreate, idempotencyKey: string): Promise<ContactMutationResponse>;
  patchContact(id: string, body: ContactPatch, idempotencyKey: string): Promise<ContactMutationResponse>;
  deleteContact(id: string, idempotencyKey: string): Promise<ContactMutationResponse>;
}
