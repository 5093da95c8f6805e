import { randomUUID } from 'node:crypto';
import type { LinkDialRequest } from '../../../../../src-preload/contract/ipc-contract';
import type { Clock, TimerHandle } from '../../../platform/clock';

/** How long a "Call …?" question stays answerable (SPEC G1 confirmation). */
export const LINK_REQUEST_TTL_MS = 60_000;
/** Most questions open at once; the oldest is dropped (a page firing links in a loop). */
export const MAX_LINK_REQUESTS = 8;

/**
 * Telephony links waiting for the user's yes/no (links.onDidRequestDial →
 * links.confirm). Each expires after {@link LINK_REQUEST_TTL_MS}; an answer
 * takes it (one answer per request).
 */
export class LinkRequests {
  private readonly pending = new Map<string, { request: LinkDialRequest; timer: TimerHandle }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = LINK_REQUEST_TTL_MS,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Keeps a request; returns it with its id. */
  add(link: Omit<LinkDialRequest, 'requestId'>): LinkDialRequest {
    const request: LinkDialRequest = { requestId: this.newId(), ...link };
    const timer = this.clock.setTimeout(() => this.pending.delete(request.requestId), this.ttlMs);
    this.pending.set(request.requestId, { request, timer });
    while (this.pending.size > MAX_LINK_REQUESTS) {
      const oldest = this.pending.keys().next().value as string;
      this.drop(oldest);
    }
    return { ...request };
  }

  /** Removes and returns a request, or undefined when unknown or expired. */
  take(requestId: string): LinkDialRequest | undefined {
    const entry = this.pending.get(requestId);
    if (!entry) return undefined;
    this.drop(requestId);
    return entry.request;
  }

  /** The open requests, oldest first (copies). */
  list(): LinkDialRequest[] {
    return [...this.pending.values()].map((entry) => ({ ...entry.request }));
  }

  get size(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const id of [...this.pending.keys()]) this.drop(id);
  }

  private drop(requestId: string): void {
    const entry = this.pending.get(requestId);
    if (!entry) return;
    this.clock.clearTimeout(entry.timer);
    this.pending.delete(requestId);
  }
}
