/**
 * The directories as the renderer sees them (SPEC C): search, entries,
 * photos, personal contacts and their import, the sync state — the
 * `directory.*`, `contacts.*` and `sync.*` channels.
 */
import { z } from 'zod';
import { contactFieldsSchema, type ContactFields } from './contact-fields';
import { importFormatSchema } from './directory-http';
import { directorySourceSchema, type DirectorySource, type NumberKind } from './directory-model';

/** One directory entry as the renderer shows it (same shape as the UC server's DirectoryEntry). */
export interface DirectoryEntryView {
  id: string;
  source: DirectorySource;
  displayName: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  email?: string;
  numbers: { kind: NumberKind; number: string }[];
  photoUrl?: string;
  handEdited?: boolean;
  updatedAt: number;
  /** a local change of this personal contact is not acknowledged by the server yet */
  pendingSync?: boolean;
}

export interface DirectorySearchResult {
  /** one group per directory that has hits, in the order internal, personal, system, global */
  groups: { source: DirectorySource; entries: DirectoryEntryView[]; total: number }[];
}

/** Editable fields of a personal contact (the same fields the UC server takes). */
export type ContactFieldsInput = ContactFields;

export interface ImportReportView {
  imported: number;
  updated: number;
  skipped: { row: number; reason: string }[];
}

export interface SyncState {
  /** offline: the UC server cannot be reached; local changes wait in the outbox */
  status: 'idle' | 'syncing' | 'offline';
  /** local changes not acknowledged by the server yet */
  pending: number;
  /** last change-feed revision applied */
  revision: number;
  lastSyncedAt?: number;
}

const entryId = z.string().min(1).max(200);

/** Payload schemas of the directory, contacts and sync channels. */
export const directoryInvokeSchemas = {
  'directory.search': z.strictObject({
    query: z.string().max(200),
    source: directorySourceSchema.optional(),
    limit: z.number().int().min(1).max(200).optional(),
  }),
  'directory.get': z.strictObject({ id: entryId }),
  /** the photo of a directory entry (internal users) as a data: URL, fetched with the UC session and cached; null: none */
  'directory.getPhoto': z.strictObject({ id: entryId }),
  'contacts.create': z.strictObject({ fields: contactFieldsSchema }),
  'contacts.update': z.strictObject({ id: entryId, fields: contactFieldsSchema }),
  'contacts.delete': z.strictObject({ id: entryId }),
  'contacts.import': z.strictObject({
    format: importFormatSchema,
    encoding: z.string().min(1).max(40),
    contentBase64: z.string().min(1).max(7_000_000),
  }),
  'sync.getState': z.strictObject({}),
} as const;

export interface DirectoryInvokeResults {
  'directory.search': DirectorySearchResult;
  'directory.get': DirectoryEntryView;
  'directory.getPhoto': { dataUrl: string } | null;
  'contacts.create': DirectoryEntryView;
  'contacts.update': DirectoryEntryView;
  'contacts.delete': void;
  'contacts.import': ImportReportView;
  'sync.getState': SyncState;
}

export interface DirectoryEventPayloads {
  'sync.onDidChange': SyncState;
  /** the cached directories changed (sync or local edit): refresh search results */
  'directory.onDidChange': Record<string, never>;
}

export const DIRECTORY_EVENT_CHANNELS = { 'sync.onDidChange': true, 'directory.onDidChange': true } satisfies Record<
  keyof DirectoryEventPayloads,
  true
>;
