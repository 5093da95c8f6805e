import type { ApiError, ApiErrorCode } from '../../../../src-preload/contract/platform';

/**
 * An error a route throws to answer with an ApiError body; the app's error
 * handler turns it into `status` + `{ error, message, ... }`.
 */
export class ApiHttpError extends Error {
  readonly statusCode: number;
  readonly code: ApiErrorCode;
  readonly extra: Pick<ApiError, 'retryAfterS' | 'rules'>;

  constructor(
    statusCode: number,
    code: ApiErrorCode,
    message: string,
    extra: Pick<ApiError, 'retryAfterS' | 'rules'> = {},
  ) {
    super(message);
    this.name = 'ApiHttpError';
    this.statusCode = statusCode;
    this.code = code;
    this.extra = extra;
  }

  toBody(): ApiError {
    return { error: this.code, message: this.message, ...this.extra };
  }
}
