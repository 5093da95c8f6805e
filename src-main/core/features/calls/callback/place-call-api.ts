import {
  placeCallResultSchema,
  type PlaceCallResult,
} from '../../../../../src-preload/contract/forwarding/forwarding-http';
import type { UcHttpClient } from '../../../platform/uc/uc-http-client';

/** The path of the dial-mode question (SPEC J4, B5), under the API root. */
export const PLACE_CALL_PATH = '/me/calls/place';

/** POST /me/calls/place: the UC server places the call (callback) or says the app dials it. */
export class PlaceCallApi {
  constructor(private readonly http: UcHttpClient) {}

  /** @throws UcClientError (503 `internal`: the server cannot reach its SIP proxy) */
  place(destination: string): Promise<PlaceCallResult> {
    return this.http.request('POST', PLACE_CALL_PATH, { body: { destination } }, placeCallResultSchema);
  }
}
