import type { ApiErrorCode } from '../../../../src-preload/contract/platform/api-error';

/**
 * Why a call to the UC server failed:
 * - `unreachable`: no HTTP reply (DNS, refused, reset, TLS failure, timeout);
 * - `bad-server-reply`: a reply that does not match the API schema (wrong
 *   server, proxy error page, incompatible version) — never a crash;
 * - `api`: the server answered with an error status and an ApiError body
 *   (`status`, `code`, `retryAfterS`, `rules`);
 * - `certificate`: the TLS certificate was refused before anything was sent
 *   (`cause` is the CertificateTrustError: untrusted or changed, SPEC A1).
 */
export type UcClientErrorKind = 'unreachable' | 'bad-server-reply' | 'api' | 'certificate';

/** Thrown by {@link UcHttpClient} and the features' API calls for every failed request. */
export class UcClientError extends Error {
  constructor(
    readonly kind: UcClientErrorKind,
    message: string,
    readonly details: {
      status?: number;
      code?: ApiErrorCode;
      retryAfterS?: number;
      rules?: string[];
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'UcClientError';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get code(): ApiErrorCode | undefined {
    return this.details.code;
  }

  /**
   * True when retrying the same request later may succeed: no reply, a
   * server error (5xx), 408 or 429. 401 is retryable too once the client has
   * refreshed its token (handled inside the client).
   */
  get transient(): boolean {
    if (this.kind === 'unreachable') return true;
    if (this.kind === 'certificate') return false; // only the user can decide to trust it
    if (this.kind === 'bad-server-reply') return true; // e.g. a proxy error page during a restart
    const s = this.details.status ?? 0;
    return s >= 500 || s === 408 || s === 429 || s === 401;
  }
}
