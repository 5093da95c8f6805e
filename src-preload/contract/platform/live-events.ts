/**
 * The envelope of the UC server's live events (WS /api/v1/events): JSON
 * frames `{ type, … }`, one discriminated union. Each domain defines its own
 * frames next to its HTTP wire types; `ipc-contract.ts` composes them into
 * `liveEventSchema`. The keep-alive frame belongs to no domain.
 */
import { z } from 'zod';

/** Sent every 25 s, so proxies keep the connection and clients notice a dead one. */
export const pingEventSchema = z.object({ type: z.literal('ping') });
