import {
  favoritesChangeResponseSchema,
  favoritesDocumentSchema,
  type FavoritesChange,
  type FavoritesChangeResponse,
  type FavoritesDocument,
} from '../../../../src-preload/contract/favorites';
import type { UcHttpClient } from '../../platform/uc/uc-http-client';
import type { FavoritesTransport } from './favorites-service';

/** The favorites calls to the UC server (SPEC D1, D2). */
export class FavoritesApi implements FavoritesTransport {
  constructor(private readonly http: UcHttpClient) {}

  /** GET /favorites: every group with its favorites, in order, and the version. */
  list(): Promise<FavoritesDocument> {
    return this.http.request('GET', '/favorites', {}, favoritesDocumentSchema);
  }

  /** POST /favorites/changes with an Idempotency-Key (a resend is applied once). */
  change(change: FavoritesChange, idempotencyKey: string): Promise<FavoritesChangeResponse> {
    return this.http.request(
      'POST',
      '/favorites/changes',
      { body: change, idempotencyKey },
      favoritesChangeResponseSchema,
    );
  }
}
