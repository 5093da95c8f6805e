import {
  callHistoryResponseSchema,
  callsChangeResponseSchema,
  CALL_HISTORY_PATH,
  type CallHistoryResponse,
  type CallsChangeResponse,
  type CallsDelete,
  type CallsRead,
} from '../../../../src-preload/contract/calls/call-history-http';
import type { UcHttpClient } from '../../platform/uc/uc-http-client';

/** What the call history cache needs from the UC server (CallHistoryApi implements it). */
export interface CallHistoryTransport {
  calls(since: number, limit: number): Promise<CallHistoryResponse>;
  markCallsRead(body: CallsRead): Promise<CallsChangeResponse>;
  deleteCalls(body: CallsDelete): Promise<CallsChangeResponse>;
}

/** The call-history calls to the UC server (issue #13). */
export class CallHistoryApi implements CallHistoryTransport {
  constructor(private readonly http: UcHttpClient) {}

  /** GET /calls?since=&limit=: the account's records changed after `since` (tombstones included). */
  calls(since: number, limit: number): Promise<CallHistoryResponse> {
    return this.http.request(
      'GET',
      `${CALL_HISTORY_PATH}?since=${since}&limit=${limit}`,
      {},
      callHistoryResponseSchema,
    );
  }

  /** POST /calls/read: the peer's records become read on every device. */
  markCallsRead(body: CallsRead): Promise<CallsChangeResponse> {
    return this.http.request('POST', `${CALL_HISTORY_PATH}/read`, { body }, callsChangeResponseSchema);
  }

  /** POST /calls/delete: one record, a peer's, or all (tombstones reach the other devices). */
  deleteCalls(body: CallsDelete): Promise<CallsChangeResponse> {
    return this.http.request('POST', `${CALL_HISTORY_PATH}/delete`, { body }, callsChangeResponseSchema);
  }
}
