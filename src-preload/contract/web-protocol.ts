/**
 * Frames of the web shell's local WebSocket: the same invoke/event contract as
 * Electron IPC, plus the media-host protocol (engine -> browser page), carried
 * as JSON text frames on one socket per page.
 *
 *   page -> shell   { t: 'invoke', id, channel, payload }
 *   shell -> page   { t: 'result', id, result: IpcResult }
 *   shell -> page   { t: 'event', channel, payload }
 *   page -> shell   { t: 'hello', mediaHost: boolean }  (first frame)
 *   shell -> page   { t: 'media-request', id, method, params }
 *   page -> shell   { t: 'media-response', id, ok, value?, error? }
 *   page -> shell   { t: 'media-event', event, payload }
 *
 * The shell validates every frame it receives (shape with zod, then the
 * invoke payload against `invokeSchemas`).
 */
import { z } from 'zod';

// the WebSocket path and the authentication subprotocols: one definition, zod-free for the page
export {
  WEB_SHELL_KEY_FRAGMENT_PARAM,
  WEB_SHELL_KEY_PROTOCOL_PREFIX,
  WEB_SHELL_PROTOCOL,
  WEB_SHELL_WS_PATH,
} from './web-shell-constants';

export const pageFrameSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('hello'), mediaHost: z.boolean() }),
  z.strictObject({
    t: z.literal('invoke'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(64),
    payload: z.unknown(),
  }),
  z.strictObject({
    t: z.literal('media-response'),
    id: z.number().int().nonnegative(),
    ok: z.boolean(),
    value: z.unknown().optional(),
    error: z.string().max(2000).optional(),
  }),
  z.strictObject({ t: z.literal('media-event'), event: z.string().max(64), payload: z.unknown() }),
]);
export type PageFrame = z.infer<typeof pageFrameSchema>;

export type ShellFrame =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; channel: string; payload: unknown }
  | { t: 'media-request'; id: number; method: string; params: unknown };
