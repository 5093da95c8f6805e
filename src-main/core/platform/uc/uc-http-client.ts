import type { z } from 'zod';
import { apiErrorSchema } from '../../../../src-preload/contract/platform/api-error';
import {
  changePasswordResponseSchema,
  loginResponseSchema,
  meResponseSchema,
  tokenPairSchema,
  type ChangePasswordRequest,
  type ChangePasswordResponse,
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
  type TokenPair,
} from '../../../../src-preload/contract/session/session-http';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { assertNotCleartext, CertificateTrustError } from '../tls/certificate-trust';
import { TypedEmitter, type Event } from '../typed-emitter';
import { UcClientError } from './uc-client-error';

/** The `fetch` the client uses (global fetch by default; a seam for tests). */
export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface UcHttpClientOptions {
  /** base URL of the API, e.g. `https://127.0.0.1:8802/api/v1` (see parseServerAddress); `http://` only to the loopback */
  apiUrl: string;
  /** default global fetch; the session passes its CertificateTrust's (SPEC A1) */
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
 * The base HTTP client of the UC server API v1 (server/api/uc-server-api.ts):
 * the tokens and the session calls (login, refresh, logout, password, /me),
 * and {@link request} / {@link requestBinary}, on which each feature builds
 * its own calls (`features/<domain>/<domain>-api.ts`).
 *
 * - Every reply is validated with the API's zod schemas: a malformed reply is
 *   a {@link UcClientError} `bad-server-reply` with a clear message, never a
 *   crash or an `undefined` deep inside the app.
 * - Every request has a timeout (AbortController); no reply → `unreachable`.
 * - An authenticated request answered 401 refreshes the access token once
 *   and is retried; concurrent 401s share one refresh (single flight), since
 *   the server rotates refresh tokens and a second refresh with the old one
 *   would fail.
 * - Cleartext is refused: an `http://` API URL to anything but the loopback
 *   throws {@link CleartextRefusedError} at construction (issue 10). TLS
 *   certificates are verified by the fetch given (the session's
 *   CertificateTrust: the machine's CAs, or the certificate the user pinned).
 */
export class UcHttpClient {
  /** base URL of the API without a trailing slash, e.g. `https://127.0.0.1:8802/api/v1` */
  readonly apiUrl: string;
  private readonly fetchFn: FetchFn;
  private readonly clock: Clock;
  /** the default per-request timeout, ms */
  readonly timeoutMs: number;
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

  constructor(options: UcHttpClientOptions) {
    assertNotCleartext(options.apiUrl);
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
    const reply = await this.request('POST', '/auth/password', { body: request }, changePasswordResponseSchema);
    this.setTokens(pickTokens(reply));
    return reply;
  }

  /** GET /me: the account and its provisioning. */
  me(): Promise<MeResponse> {
    return this.request('GET', '/me', {}, meResponseSchema);
  }

  /**
   * An authenticated request whose reply is not JSON (photo, audio, 204): one
   * refresh + retry on 401, timeout and reach events like {@link request}; the
   * `passThrough` statuses are returned (the caller decides), any other error
   * status throws (ApiError bodies like {@link request}).
   */
  async requestBinary(
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
        const refused = certificateErrorOf(err);
        if (refused) throw new UcClientError('certificate', `${what}: ${refused.message}`, { cause: refused });
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

  /** A request with the access token whose JSON reply `schema` validates; one refresh + retry on 401. */
  async request<T>(method: string, path: string, init: RequestOptions, schema: z.ZodType<T>): Promise<T> {
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
    if (init.rawBody !== undefined) headers['content-type'] = init.rawBody.contentType;
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
        ...(init.rawBody !== undefined ? { body: init.rawBody.bytes } : {}),
        signal: controller.signal,
        redirect: 'error',
      });
      text = await response.text();
    } catch (err) {
      this.didReach.fire(false);
      const refused = certificateErrorOf(err);
      if (refused) throw new UcClientError('certificate', `${what}: ${refused.message}`, { cause: refused });
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

/** A reply read as bytes (see {@link UcHttpClient.requestBinary}). */
export interface BinaryReply {
  status: number;
  bytes: Uint8Array;
  /** the content-type header ('' when none) */
  contentType: string;
  /** the ETag header as sent ('' when none) */
  etag: string;
}

/** What a feature's call adds to a request: a JSON or raw body, an Idempotency-Key, a longer timeout. */
export interface RequestOptions {
  body?: unknown;
  /** a file sent as it is (a photo), instead of a JSON `body` */
  rawBody?: { bytes: Uint8Array<ArrayBuffer>; contentType: string };
  idempotencyKey?: string;
  timeoutMs?: number;
}

interface SendInit extends RequestOptions {
  accessToken?: string;
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

/** The certificate refusal behind a failed fetch (fetch wraps it: TypeError → cause), if that is why. */
function certificateErrorOf(err: unknown): CertificateTrustError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current instanceof CertificateTrustError) return current;
    current = current.cause;
  }
  return undefined;
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` ${cause.message}` : ''}`;
  return err instanceof Error ? err.message : String(err);
}

/** A short quotable excerpt of a reply, for error messages. */
export function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t === '' ? '(empty body)' : JSON.stringify(t.slice(0, 120));
}
