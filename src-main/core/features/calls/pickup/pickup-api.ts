import {
  PICKUP_PATH,
  pickupResponseSchema,
  type PickupResponse,
} from '../../../../../src-preload/contract/calls/calls-http';
import type { UcHttpClient } from '../../../platform/uc/uc-http-client';

/** The pickup request to the UC server (SPEC D3). */
export class PickupApi {
  constructor(private readonly http: UcHttpClient) {}

  /**
   * POST /calls/pickup: the servers cancel the call ringing at `number` and ring our devices.
   * @throws UcClientError (404/403/409 `conflict`: nothing to pick up; 409 `not-registered`)
   */
  pickup(number: string): Promise<PickupResponse> {
    return this.http.request('POST', PICKUP_PATH, { body: { number } }, pickupResponseSchema);
  }
}
