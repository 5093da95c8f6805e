import { UC_API_BASE_PATH } from '../../../../../src-preload/contract/platform';

/**
 * Server path of an account's photo as the internal directory publishes it:
 * `/api/v1/photos/NUMBER?v=ETAG`. The version changes with the content, so a
 * new photo changes the entry (the change feed carries it) and clients fetch
 * the new image instead of showing a cached old one.
 */
export function photoPathOf(number: string, etag: string): string {
  return `${UC_API_BASE_PATH}/photos/${encodeURIComponent(number)}?v=${encodeURIComponent(etag)}`;
}
