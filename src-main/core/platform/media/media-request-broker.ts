/**
 * Transport-agnostic half of a {@link MediaHost}: numbers requests, validates
 * their params against `mediaRequestSchemas`, keeps the pending table with a
 * timeout, matches responses by id *and* by the target that received the
 * request, validates results and media events, and fans events out.
 *
 * Both shells use it: the Electron media window host (target = the media
 * window's webContents) and the web shell (target = the page socket that said
 * `hello` with `mediaHost: true`). It must never import `electron`.
 */
import { z } from 'zod';
import {
  isMediaMethod,
  mediaRequestSchemas,
  type MediaEventName,
  type MediaEvents,
  type MediaHost,
  type MediaMethod,
  type MediaParams,
  type MediaResults,
} from '../../../../src-preload/contract/media-contract';
import { systemClock, type Clock, type TimerHandle } from '../clock';

/** Default time a media host has to answer one request (ICE gathering included). */
export const MEDIA_REQUEST_TIMEOUT_MS = 15_000;

/** A request as it travels to a media host. */
export interface OutgoingMediaRequest {
  id: number;
  method: MediaMethod;
  params: unknown;
}

/** The response shape a media host sends back (Electron IPC and web frame alike, minus `t`). */
export const mediaResponseSchema = z.object({
  id: z.number().int().nonnegative(),
  ok: z.boolean(),
  value: z.unknown().optional(),
  error: z.string().max(2000).optional(),
});
export type MediaResponse = z.infer<typeof mediaResponseSchema>;

const voidResult = z.union([z.undefined(), z.null()]).transform(() => undefined);
const sdpResult = z
  .object({
    sdp: z
      .string()
      .min(1)
      .max(64 * 1024),
  })
  .transform((v) => ({ sdp: v.sdp }));

/** What each method must resolve with; anything else is a protocol error. */
const mediaResultSchemas: { [M in MediaMethod]: z.ZodType<MediaResults[M], unknown> } = {
  open: voidResult,
  createOffer: sdpResult,
  createAnswer: sdpResult,
  setRemoteDescription: voidResult,
  setMuted: voidResult,
  sendDtmf: z.boolean(),
  close: voidResult,
  setRinging: voidResult,
  listDevices: z
    .object({
      inputs: z.array(z.object({ deviceId: z.string().max(256), label: z.string().max(256) })).max(64),
      outputs: z.array(z.object({ deviceId: z.string().max(256), label: z.string().max(256) })).max(64),
    })
    .transform((v) => ({
      inputs: v.inputs.map((d) => ({ deviceId: d.deviceId, label: d.label })),
      outputs: v.outputs.map((d) => ({ deviceId: d.deviceId, label: d.label })),
    })),
  setDevices: voidResult,
  setMix: voidResult,
  probe: z
    .object({ webrtc: z.boolean(), microphone: z.enum(['granted', 'denied', 'prompt', 'unknown']) })
    .transform((v) => ({ webrtc: v.webrtc, microphone: v.microphone })),
};

const sessionId = z.string().min(1).max(128);

/** Payload schemas of the events a media host may report. */
export const mediaEventSchemas: { [E in MediaEventName]: z.ZodType<MediaEvents[E], unknown> } = {
  connectionState: z.strictObject({
    sessionId,
    state: z.enum(['new', 'connecting', 'connected', 'disconnected', 'failed', 'closed']),
  }),
  firstAudio: z.strictObject({ sessionId, at: z.number().finite() }),
  devicesChanged: z.strictObject({}).transform(() => ({})),
};

function isMediaEventName(value: unknown): value is MediaEventName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(mediaEventSchemas, value);
}

/** Why an incoming response or event was dropped (for logs and tests). */
export type MediaDropReason = 'malformed' | 'unknown-id' | 'wrong-target' | 'unknown-event' | 'invalid-event';

export interface MediaRequestBrokerOptions<T> {
  /**
   * Delivers a request to a media host and returns the target it went to, so
   * only that target may answer. Throws (or rejects) when no host is available;
   * the request then fails with that error.
   */
  send: (request: OutgoingMediaRequest) => T | Promise<T>;
  clock?: Clock;
  timeoutMs?: number;
  /** Called for every dropped response/event; default: `console.warn`. */
  onDrop?: (reason: MediaDropReason, detail: string) => void;
}

interface Pending<T> {
  method: MediaMethod;
  /** unknown until `send` resolved */
  target: T | undefined;
  timer: TimerHandle;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** See the file comment. `T` is whatever identifies a media host target. */
export class MediaRequestBroker<T> implements MediaHost {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<T>>();
  private readonly listeners = new Map<MediaEventName, Set<(payload: unknown) => void>>();
  private disposed = false;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly onDrop: (reason: MediaDropReason, detail: string) => void;

  constructor(private readonly options: MediaRequestBrokerOptions<T>) {
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? MEDIA_REQUEST_TIMEOUT_MS;
    this.onDrop = options.onDrop ?? ((reason, detail) => console.warn(`[media] dropped (${reason}): ${detail}`));
  }

  /** Number of requests still waiting for an answer (tests, leak checks). */
  get pendingCount(): number {
    return this.pending.size;
  }

  request<M extends MediaMethod>(method: M, params: MediaParams<M>): Promise<MediaResults[M]> {
    if (this.disposed) return Promise.reject(new Error('media host disposed'));
    if (!isMediaMethod(method)) return Promise.reject(new Error(`unknown media method ${String(method).slice(0, 64)}`));
    const parsed = mediaRequestSchemas[method].safeParse(params);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return Promise.reject(new Error(`invalid params for media ${method}: ${detail}`));
    }
    const id = this.nextId++;
    return new Promise<MediaResults[M]>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        if (this.pending.delete(id)) {
          reject(new Error(`media ${method} timed out after ${this.timeoutMs} ms`));
        }
      }, this.timeoutMs);
      const entry: Pending<T> = {
        method,
        target: undefined,
        timer,
        resolve: resolve as (value: unknown) => void,
        reject,
      };
      this.pending.set(id, entry);
      let sent: T | Promise<T>;
      try {
        sent = this.options.send({ id, method, params: parsed.data });
      } catch (error) {
        this.settle(id, error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (sent instanceof Promise) {
        sent.then(
          (target) => {
            entry.target = target;
          },
          (error: unknown) => this.settle(id, error instanceof Error ? error : new Error(String(error))),
        );
      } else {
        entry.target = sent;
      }
    });
  }

  /**
   * Feeds a response that arrived from `target`. Responses for unknown ids or
   * from a target other than the one the request went to are dropped.
   */
  handleResponse(target: T, raw: unknown): void {
    const parsed = mediaResponseSchema.safeParse(raw);
    if (!parsed.success) {
      this.onDrop('malformed', 'media response has the wrong shape');
      return;
    }
    const response = parsed.data;
    const entry = this.pending.get(response.id);
    if (!entry) {
      this.onDrop('unknown-id', `no pending media request ${response.id}`);
      return;
    }
    if (entry.target !== target) {
      this.onDrop('wrong-target', `media response ${response.id} came from another host`);
      return;
    }
    if (!response.ok) {
      this.settle(response.id, new Error(`media ${entry.method} failed: ${response.error ?? 'unknown error'}`));
      return;
    }
    const result = mediaResultSchemas[entry.method].safeParse(response.value);
    if (!result.success) {
      this.settle(response.id, new Error(`media ${entry.method} returned an invalid result`));
      return;
    }
    this.settle(response.id, undefined, result.data);
  }

  /** Feeds a media event; unknown names and invalid payloads are dropped. */
  handleEvent(event: unknown, payload: unknown): void {
    if (!isMediaEventName(event)) {
      this.onDrop('unknown-event', `unknown media event ${String(event).slice(0, 64)}`);
      return;
    }
    const parsed = mediaEventSchemas[event].safeParse(payload);
    if (!parsed.success) {
      this.onDrop('invalid-event', `invalid payload for media event ${event}`);
      return;
    }
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(parsed.data);
      } catch (error) {
        console.error('[media] event listener failed', error);
      }
    }
  }

  onEvent<E extends MediaEventName>(event: E, listener: (payload: MediaEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    // Wrap so the same function can be subscribed twice and removed independently.
    const entry = (payload: unknown): void => listener(payload as MediaEvents[E]);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Rejects every request that went to `target` (it disconnected or crashed). */
  failTarget(target: T, reason: string): void {
    for (const [id, entry] of [...this.pending]) {
      if (entry.target === target) this.settle(id, new Error(`media ${entry.method} failed: ${reason}`));
    }
  }

  /** Rejects everything pending and refuses new requests. */
  dispose(reason = 'media host disposed'): void {
    this.disposed = true;
    for (const id of [...this.pending.keys()]) this.settle(id, new Error(reason));
    this.listeners.clear();
  }

  private settle(id: number, error: Error | undefined, value?: unknown): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    this.clock.clearTimeout(entry.timer);
    if (error) entry.reject(error);
    else entry.resolve(value);
  }
}
