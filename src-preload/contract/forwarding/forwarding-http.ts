/**
 * The UC server's forwarding routes (SPEC J3, B2), on the caller's own rules only:
 *
 *   GET /me/forwarding  -> ForwardingDocument (rules null: never set — nothing is forwarded but DND)
 *   PUT /me/forwarding  ForwardingRules -> ForwardingDocument | 400 invalid-request
 *
 * A change is pushed to every live connection of the account as {type:'forwarding-changed'}.
 */
import { z } from 'zod';
import { forwardingRulesSchema } from './forwarding-model';

export const forwardingDocumentSchema = z.object({
  rules: forwardingRulesSchema.nullable(),
  /** epoch ms of the last change (0: never set) */
  updatedAt: z.number().int(),
});
export type ForwardingDocument = z.infer<typeof forwardingDocumentSchema>;

export const forwardingChangedEventSchema = z.object({ type: z.literal('forwarding-changed') });
