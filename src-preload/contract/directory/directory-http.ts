/**
 * The UC server's directory routes (SPEC C): the change feed, personal
 * contacts and their import.
 *
 *   GET    /changes?since=N&limit=M -> ChangesResponse   (per-user change feed)
 *   POST   /contacts              ContactCreate   (Idempotency-Key header) -> ContactMutationResponse
 *   PATCH  /contacts/:id          ContactPatch    (Idempotency-Key header) -> ContactMutationResponse
 *   DELETE /contacts/:id          (Idempotency-Key header) -> ContactMutationResponse
 *   POST   /contacts/import       ContactImportRequest -> ContactImportResponse (all or nothing)
 *   GET    /photos/:number        the photo of an internal user (image/png | image/jpeg)
 */
import { z } from 'zod';
import { importReportSchema } from '../platform/api-error';
import { contactFieldsSchema } from './contact-fields';
import { directorySourceSchema, numberKindSchema } from './directory-model';

/** One entry of any directory, as the client caches and searches it. Numbers are canonical (SPEC C5). */
export const directoryEntrySchema = z.object({
  /** unique across sources, e.g. "internal:100", "global:42", "personal:<uuid>" */
  id: z.string().min(1).max(200),
  source: directorySourceSchema,
  displayName: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  company: z.string().optional(),
  email: z.string().optional(),
  numbers: z.array(z.object({ kind: numberKindSchema, number: z.string() })),
  /** server path of the photo (internal users), e.g. /api/v1/photos/100 */
  photoUrl: z.string().optional(),
  /** personal contacts: edited by hand, so a later import never overwrites it (SPEC C4) */
  handEdited: z.boolean().optional(),
  updatedAt: z.number().int(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const contactCreateSchema = z.strictObject({
  /** client-generated UUID, so an offline-created contact keeps its id */
  id: z.string().uuid(),
  fields: contactFieldsSchema,
});
export type ContactCreate = z.infer<typeof contactCreateSchema>;

export const contactPatchSchema = z.strictObject({ fields: contactFieldsSchema });
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export const contactMutationResponseSchema = z.object({
  /** the contact after the change (absent after a delete) */
  entry: directoryEntrySchema.optional(),
  /** the change-feed revision that carries this change */
  revision: z.number().int().nonnegative(),
});
export type ContactMutationResponse = z.infer<typeof contactMutationResponseSchema>;

export const importFormatSchema = z.enum(['csv', 'xml']);
export type ImportFormat = z.infer<typeof importFormatSchema>;
export const contactImportRequestSchema = z.strictObject({
  format: importFormatSchema,
  /** WHATWG encoding label, e.g. utf-8, windows-1252, iso-8859-15 */
  encoding: z.string().min(1).max(40).default('utf-8'),
  /** the file's bytes, base64 (max ~5 MB) */
  contentBase64: z.string().min(1).max(7_000_000),
});
export type ContactImportRequest = z.infer<typeof contactImportRequestSchema>;

export { importReportSchema, type ImportReport } from '../platform/api-error';

export const contactImportResponseSchema = z.object({ report: importReportSchema, revision: z.number().int() });
export type ContactImportResponse = z.infer<typeof contactImportResponseSchema>;

export const changeSchema = z.object({
  revision: z.number().int().positive(),
  op: z.enum(['upsert', 'delete']),
  /** directory entry id */
  id: z.string(),
  /** present for upserts: the entry's current state */
  entry: directoryEntrySchema.optional(),
});
export type Change = z.infer<typeof changeSchema>;

export const changesResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** the revision to ask from next time (>= every revision in `changes`) */
  revision: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

/** Live event: new changes are visible to this user up to `revision`: pull them (GET /changes). */
export const changedEventSchema = z.object({ type: z.literal('changed'), revision: z.number().int() });
