import type { z } from 'zod';
import {
  apiErrorSchema,
  changePasswordResponseSchema,
  changesResponseSchema,
  contactImportResponseSchema,
  contactMutationResponseSchema,
  loginResponseSchema,
  meResponseSchema,
  messageSendResponseSchema,
  messagesReadResponseSchema,
  messagesResponseSchema,
  type MessageSend,
  type MessageSendResponse,
  type MessagesRead,
  type MessagesReadResponse,
  type MessagesResponse,
  tokenPairSchema,
  type ChangePasswordRequest,
  type ChangePasswordResponse,
  type ChangesResponse,
  type ContactCreate,
  type ContactImportRequest,
  type ContactImportResponse,
  type ContactMutationResponse,
  type ContactPatch,
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
  type TokenPair,
  voicemailListResponseSchema,
  voicemailSchema,
  type Voicemail,
} from '../../../../server/api/uc-server-api';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { TypedEmitter, type Event } from '../typed-emitter';
import { UcClientError } from './uc-client-error';
import { presenceSchema, type Presence, type PresenceSetRequest } from '../../../../server/api/uc-server-api';

/** A photo as GET /photos/:number returns it (see {@link UcServerClient.getPhoto}). */
export interface UcPhoto {
  mime: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
  /** the ETag without quotes ('' if the server sent none) */
  etag: string;
}

/** Largest photo body accepted from the server (it stores at most 512 KB, SPEC J2). */
const MAX_PHOTO_REPLY_BYTES = 1024 * 1024;
/** Largest voicemail WAV accepted: 120 s of 16-bit 8 kHz is 1.92 MB (SPEC H). */
const MAX_VOICEMAIL_REPLY_BYTES = 4 * 1024 * 1024;

/** The `fetch` the client uses (global fetch by default; a seam for tests). */
export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface UcServerClientOptions {
  /** base URL of the API, e.g. `http://127.0.0.1:8802/api/v1` (see parseServerAddress) */
  apiUrl: string;
  fetch?: FetchFn;
  clock?: Clock;
  /** per-request timeout, ms (default 10 000; imports get 6×) */
  timeoutMs?: number;
  /**
   * Called when the refresh token itself is refused (revoked, expired):
   * returns a fresh token pair (e.g. by logging in again with the password
   * the session keeps for SIP anyway) or throws. Without it the 401 is thrown.
   */
  reauthenticate?: () => Promise<TokenPair>;
}

/**
 * HTTP client of the UC server API v1 (server/api/uc-server-api.ts).
 *
 * - Every reply is validated with the API's zod schemas: a malformed reply is
 *   a {@link UcClientError} `bad-server-reply` with a clear message, never a
 *   crash or an `undefined` deep inside the app.
 * - Every request has a timeout (AbortController); no reply → `unreachable`.
 * - An authenticated request answered 401 refreshes the access token once
 *   and is retried; concurrent 401s share one refresh (single flight), since
 *   the server rotates refresh tokens and a second refresh with the old one
 *   would fail.
 * - TLS certificates are verified (Node's fetch default; nothing turns it off).
 */
export class UcServerClient {
  private readonly apiUrl: string;
  private readonly fetchFn: FetchFn;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly reauthenticate: (() => Promise<TokenPair>) | undefined;
  private tokenPair: TokenPair | undefined;
  private refreshing: Promise<TokenPair> | undefined;
  private readonly didChangeTokens = new TypedEmitter<TokenPair | undefined>();
  private readonly didReach = new TypedEmitter<boolean>();

  /** Fires after a login, refresh or logout changed the tokens. */
  readonly onDidChangeTokens: Event<TokenPair | undefined> = this.didChangeTokens.event;
  /**
   * Fires after every request with whether the server answered at all
   * (true: any HTTP reply; false: network error or timeout). Feeds the
   * connection state.
   */
  readonly onDidReach: Event<boolean> = this.didReach.event;

  constructor(options: UcServerClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.reauthenticate = options.reauthenticate;
  }

  /** The current tokens (undefined before login / after logout). */
  get tokens(): TokenPair | undefined {
    return this.tokenPair;
  }

  /** Installs tokens obtained elsewhere (e.g. after a password change). */
  setTokens(tokens: TokenPair | undefined): void {
    this.tokenPair = tokens;
    this.didChangeTokens.fire(tokens);
  }

  // ------------------------------------------------------------ auth

  /** POST /auth/login. On success the client keeps the tokens. */
  async login(request: LoginRequest): Promise<LoginResponse> {
    const reply = await this.send('POST', '/auth/login', { body: request }, loginResponseSchema);
    this.setTokens(pickTokens(reply));
    return reply;
  }

  /** POST /auth/refresh with the kept refresh token (single flight). */
  refresh(): Promise<TokenPair> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = undefined;
      });
    }
    return this.refreshing;
  }

  /** POST /auth/logout: revokes the refresh token, then forgets the tokens (even if the server is down). */
  async logout(): Promise<void> {
    const tokens = this.tokenPair;
    this.setTokens(undefined);
    if (!tokens) return;
    await this.send('POST', '/auth/logout', { body: { refreshToken: tokens.refreshToken } }, null);
  }

  /** POST /auth/password. On success the client keeps the new tokens. */
  async changePassword(request: ChangePasswordRequest): Promise<ChangePasswordResponse> {
    const reply = await this.authed('POST', '/auth/password', { body: request }, changePasswordResponseSchema);
    this.setTokens(pickTokens(reply));
    return reply;
  }

  /** GET /me: the account and its provisioning. */
  me(): Promise<MeResponse> {
    return this.authed('GET', '/me', {}, meResponseSchema);
  }

  // ------------------------------------------------------------ data

  /** GET /changes?since=&limit=: one page of the user's change feed. */
  changes(since: number, limit: number): Promise<ChangesResponse> {
    const query = `since=${encodeURIComponent(String(since))}&limit=${encodeURIComponent(String(limit))}`;
    return this.authed('GET', `/changes?${query}`, {}, changesResponseSchema);
  }

  /** POST /contacts with an Idempotency-Key (a resend with the same key creates nothing new). */
  createContact(body: ContactCreate, idempotencyKey: string): Promise<ContactMutationResponse> {
    return this.authed('POST', '/contacts', { body, idempotencyKey }, contactMutationResponseSchema);
  }

  /** PATCH /contacts/:id with an Idempotency-Key. */
  patchContact(id: string, body: ContactPatch, idempotencyKey: string): Promise<ContactMutationResponse> {
    return this.authed(
      'PATCH',
      `/contacts/${encodeURIComponent(id)}`,
      { body, idempotencyKey },
      contactMutationResponseSchema,
    );
  }

  /** DELETE /contacts/:id with an Idempotency-Key. */
  deleteContact(id: string, idempotencyKey: string): Promise<ContactMutationResponse> {
    return this.authed(
      'DELETE',
      `/contacts/${encodeURIComponent(id)}`,
      { idempotencyKey },
      contactMutationResponseSchema,
    );
  }

  /** POST /contacts/import (all or nothing on the server). */
  importContacts(request: ContactImportRequest): Promise<ContactImportResponse> {
    return this.authed(
      'POST',
      '/contacts/import',
      { body: request, timeoutMs: this.timeoutMs * 6 },
      contactImportResponseSchema,
    );
  }

  /**
   * GET a photo by the server path a directory entry carries (photoUrl, e.g.
   * `/api/v1/photos/100?v=…`), with the access token (one refresh + retry on
   * 401 like every authenticated request). Only paths on this server are
   * fetched, so the token never leaves for another host.
   * Returns undefined when the server has no photo (404) and `'not-modified'`
   * when `ifNoneMatch` is still the current ETag (304).
   */
  async getPhoto(path: string, ifNoneMatch?: string): Promise<UcPhoto | 'not-modified' | undefined> {
    const base = new URL(this.apiUrl);
    const url = new URL(path, base);
    if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname}/photos/`)) {
      throw new UcClientError('bad-server-reply', `refusing to fetch a photo outside the UC server: ${snippet(path)}`);
    }
    const relative = url.pathname.slice(base.pathname.length) + url.search;
    const headers: Record<string, string> = { accept: 'image/png, image/jpeg' };
    if (ifNoneMatch) headers['if-none-match'] = `"${ifNoneMatch}"`;
    const reply = await this.authedBinary('GET', relative, headers, [304, 404]);
    if (reply.status === 304) return 'not-modified';
    if (reply.status === 404) return undefined;
    const what = `GET ${relative.split('?')[0]}`;
    const mime = reply.contentType.split(';')[0]!.trim().toLowerCase();
    if (mime !== 'image/png' && mime !== 'image/jpeg') {
      throw new UcClientError('bad-server-reply', `the UC server sent ${snippet(mime)} instead of an image (${what})`, {
        status: reply.status,
      });
    }
    const { bytes } = reply;
    if (bytes.length === 0 || bytes.length > MAX_PHOTO_REPLY_BYTES) {
      throw new UcClientError('bad-server-reply', `the UC server sent a photo of ${bytes.length} bytes (${what})`, {
        status: reply.status,
      });
    }
    const etag = reply.etag.replace(/^W\//, '').replace(/^"|"$/g, '');
    return { mime, bytes, etag };
  }

  // ---- presence (SPEC B)

  /** GET /me/presence: the own presence (the server already applied a passed return time, SPEC B6). */
  getPresence(): Promise<Presence> {
    return this.authed('GET', '/me/presence', {}, presenceSchema);
  }

  /** PUT /me/presence (400 invalid-request: return time with office or in the past, note too long). */
  setPresence(request: PresenceSetRequest): Promise<Presence> {
    return this.authed('PUT', '/me/presence', { body: request }, presenceSchema);
  }

  // ---- messages (SPEC E6)

  /** POST /messages with an Idempotency-Key (a resend with the same key stores nothing new). */
  sendMessage(body: MessageSend, idempotencyKey: string): Promise<MessageSendResponse> {
    return this.authed('POST', '/messages', { body, idempotencyKey }, messageSendResponseSchema);
  }

  /** GET /messages?since=&limit=: the account's messages (both directions) changed after `since`. */
  messages(since: number, limit: number): Promise<MessagesResponse> {
    const query = `since=${encodeURIComponent(String(since))}&limit=${encodeURIComponent(String(limit))}`;
    return this.authed('GET', `/messages?${query}`, {}, messagesResponseSchema);
  }

  /** POST /messages/read: the peer's messages up to `upTo` become read on every device. */
  markMessagesRead(body: MessagesRead): Promise<MessagesReadResponse> {
    return this.authed('POST', '/messages/read', { body }, messagesReadResponseSchema);
  }

  // ---- voicemail (SPEC H)

  /** GET /voicemails: the user's mailbox, newest first. */
  async listVoicemails(): Promise<Voicemail[]> {
    return (await this.authed('GET', '/voicemails', {}, voicemailListResponseSchema)).voicemails;
  }

  /** GET /voicemails/:id/audio: the WAV bytes, or undefined when the message is gone (404). */
  async getVoicemailAudio(id: string): Promise<Uint8Array | undefined> {
    const reply = await this.authedBinary('GET', `/voicemails/${encodeURIComponent(id)}/audio`, {
      accept: 'audio/wav',
    });
    if (reply.status === 404) return undefined;
    const mime = reply.contentType.split(';')[0]!.trim().toLowerCase();
    if (mime !== 'audio/wav' || reply.bytes.length < 44 || reply.bytes.length > MAX_VOICEMAIL_REPLY_BYTES) {
      throw new UcClientError(
        'bad-server-reply',
        `the UC server sent ${snippet(mime)} of ${reply.bytes.length} bytes instead of a WAV (GET /voicemails/:id/audio)`,
        { status: reply.status },
      );
    }
    return reply.bytes;
  }

  /** PATCH /voicemails/:id {listened}. */
  setVoicemailListened(id: string, listened: boolean): Promise<Voicemail> {
    return this.authed('PATCH', `/voicemails/${encodeURIComponent(id)}`, { body: { listened } }, voicemailSchema);
  }

  /** DELETE /voicemails/:id; false when it was already gone (404). */
  async deleteVoicemail(id: string): Promise<boolean> {
    const reply = await this.authedBinary('DELETE', `/voicemails/${encodeURIComponent(id)}`, {
      accept: 'application/json',
    });
    return reply.status !== 404;
  }

  /**
   * An authenticated request whose reply is not JSON (photo, audio, 204): one
   * refresh + retry on 401, timeout and reach events like {@link send}; the
   * `passThrough` statuses are returned (the caller decides), any other error
   * status throws (ApiError bodies like {@link send}).
   */
  private async authedBinary(
    method: string,
    path: string,
    headers: Record<string, string>,
    passThrough: readonly number[] = [404],
  ): Promise<BinaryReply> {
    const first = this.tokenPair;
    if (!first) throw new UcClientError('api', 'not logged in to the UC server', { status: 401, code: 'unauthorized' });
    const once = async (accessToken: string): Promise<BinaryReply> => {
      const controller = new AbortController();
      let timer: TimerHandle | undefined;
      const what = `${method} ${path.split('?')[0]}`;
      let response: Response;
      let bytes: Uint8Array;
      try {
        timer = this.clock.setTimeout(() => controller.abort(), this.timeoutMs);
        response = await this.fetchFn(`${this.apiUrl}${path}`, {
          method,
          headers: { ...headers, authorization: `Bearer ${accessToken}` },
          signal: controller.signal,
          redirect: 'error',
        });
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (err) {
        this.didReach.fire(false);
        const reason = controller.signal.aborted ? `no reply within ${this.timeoutMs} ms` : describeNetworkError(err);
        throw new UcClientError('unreachable', `the UC server cannot be reached (${what}: ${reason})`, { cause: err });
      } finally {
        this.clock.clearTimeout(timer);
      }
      this.didReach.fire(true);
      if (!response.ok && !passThrough.includes(response.status)) {
        throw errorFromReply(response.status, new TextDecoder().decode(bytes), what);
      }
      return {
        status: response.status,
        bytes,
        contentType: response.headers.get('content-type') ?? '',
        etag: response.headers.get('etag') ?? '',
      };
    };
    try {
      return await once(first.accessToken);
    } catch (err) {
      if (!(err instanceof UcClientError) || err.status !== 401) throw err;
      const pair = this.tokenPair && this.tokenPair !== first ? this.tokenPair : await this.refresh();
      return once(pair.accessToken);
    }
  }

  // ------------------------------------------------------------ plumbing

  private async doRefresh(): Promise<TokenPair> {
    const current = this.tokenPair;
    if (!current)
      throw new UcClientError('api', 'not logged in to the UC server', { status: 401, code: 'unauthorized' });
    try {
      const pair = await this.send(
        'POST',
        '/auth/refresh',
        { body: { refreshToken: current.refreshToken } },
        tokenPairSchema,
      );
      // A logout or new login during the refresh wins.
      if (this.tokenPair === current) this.setTokens(pair);
      return pair;
    } catch (err) {
      if (err instanceof UcClientError && err.status === 401 && this.reauthenticate) {
        const pair = await this.reauthenticate();
        this.setTokens(pair);
        return pair;
      }
      throw err;
    }
  }

  /** A request with the access token; one refresh + retry on 401. */
  private async authed<T>(method: string, path: string, init: SendInit, schema: z.ZodType<T>): Promise<T> {
    const first = this.tokenPair;
    if (!first) throw new UcClientError('api', 'not logged in to the UC server', { status: 401, code: 'unauthorized' });
    try {
      return await this.send(method, path, { ...init, accessToken: first.accessToken }, schema);
    } catch (err) {
      if (!(err instanceof UcClientError) || err.status !== 401) throw err;
      // Another request may have refreshed already; only refresh if our token is still current.
      const pair = this.tokenPair && this.tokenPair !== first ? this.tokenPair : await this.refresh();
      return this.send(method, path, { ...init, accessToken: pair.accessToken }, schema);
    }
  }

  private async send<T>(method: string, path: string, init: SendInit, schema: z.ZodType<T>): Promise<T>;
  private async send(method: string, path: string, init: SendInit, schema: null): Promise<void>;
  private async send<T>(method: string, path: string, init: SendInit, schema: z.ZodType<T> | null): Promise<T | void> {
    const url = `${this.apiUrl}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.accessToken) headers['authorization'] = `Bearer ${init.accessToken}`;
    if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
    const controller = new AbortController();
    const timeoutMs = init.timeoutMs ?? this.timeoutMs;
    let timer: TimerHandle | undefined;
    const what = `${method} ${path.split('?')[0]}`;
    let response: Response;
    let text: string;
    try {
      timer = this.clock.setTimeout(() => controller.abort(), timeoutMs);
      response = await this.fetchFn(url, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: controller.signal,
        redirect: 'error',
      });
      text = await response.text();
    } catch (err) {
      this.didReach.fire(false);
      const reason = controller.signal.aborted ? `no reply within ${timeoutMs} ms` : describeNetworkError(err);
      throw new UcClientError('unreachable', `the UC server cannot be reached (${what}: ${reason})`, { cause: err });
    } finally {
      this.clock.clearTimeout(timer);
    }
    this.didReach.fire(true);

    if (!response.ok) throw errorFromReply(response.status, text, what);
    if (schema === null) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UcClientError(
        'bad-server-reply',
        `the UC server sent a reply that is not JSON (${what}, HTTP ${response.status}): ${snippet(text)}`,
        { status: response.status },
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new UcClientError('bad-server-reply', `the UC server sent an unexpected reply to ${what}: ${issues}`, {
        status: response.status,
      });
    }
    return parsed.data;
  }
}

/** A reply read as bytes (see authedBinary). */
interface BinaryReply {
  status: number;
  bytes: Uint8Array;
  /** the content-type header ('' when none) */
  contentType: string;
  /** the ETag header as sent ('' when none) */
  etag: string;
}

interface SendInit {
  body?: unknown;
  accessToken?: string;
  idempotencyKey?: string;
  timeoutMs?: number;
}

function pickTokens(reply: TokenPair): TokenPair {
  return { accessToken: reply.accessToken, accessExpiresAt: reply.accessExpiresAt, refreshToken: reply.refreshToken };
}

function errorFromReply(status: number, text: string, what: string): UcClientError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) {
    return new UcClientError(
      'bad-server-reply',
      `the UC server answered ${what} with HTTP ${status} and no API error body: ${snippet(text)}`,
      { status },
    );
  }
  const e = parsed.data;
  return new UcClientError('api', `${what}: ${e.message} (${e.error}, HTTP ${status})`, {
    status,
    code: e.error,
    ...(e.retryAfterS !== undefined ? { retryAfterS: e.retryAfterS } : {}),
    ...(e.rules !== undefined ? { rules: e.rules } : {}),
  });
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` ${cause.message}` : ''}`;
  return err instanceof Error ? err.message : String(err);
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t === '' ? '(empty body)' : JSON.stringify(t.slice(0, 120));
}
