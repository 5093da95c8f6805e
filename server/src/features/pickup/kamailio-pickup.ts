/** What the SIP proxy answered to a pickup request (see kamailio.cfg route[PICKUP_REQUEST]). */
export type KamailioPickupResult =
  | { readonly status: 'picked'; readonly sipCallId: string }
  /** nothing rings at the callee (answered, cancelled, never rang) */
  | { readonly status: 'not-ringing' }
  /** the picker has no device registered to take the call */
  | { readonly status: 'not-registered' }
  /** the proxy cannot be reached or answered something else */
  | { readonly status: 'unavailable'; readonly detail: string };

const TIMEOUT_MS = 5_000;

/**
 * Asks Kamailio to hand the call ringing at `callee`'s devices to `picker`'s (SPEC D3):
 * `POST {kamailioHttpUrl}/pickup/<callee>/<picker>` with the JSON-RPC secret. The proxy cancels
 * the callee's branches (CANCEL with `Reason: SIP;cause=200`, RFC 3326) and its failure route
 * relays the same INVITE transaction to the picker's devices. A script route rather than RPCs
 * (`htable.sets` + `tm.cancel`) because `tm.cancel` neither marks the transaction for the failure
 * route nor sends a Reason, and one request keeps "is it still ringing?" and "cancel it" atomic.
 */
export async function requestKamailioPickup(
  options: { readonly kamailioHttpUrl: string; readonly secret: string; readonly fetch?: typeof globalThis.fetch },
  callee: string,
  picker: string,
): Promise<KamailioPickupResult> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const url = `${options.kamailioHttpUrl}/pickup/${encodeURIComponent(callee)}/${encodeURIComponent(picker)}`;
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'x-rpc-secret': options.secret },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return { status: 'unavailable', detail: (error as Error).message };
  }
  const body = (await response.json().catch(() => undefined)) as { callId?: unknown } | undefined;
  if (response.status === 200 && typeof body?.callId === 'string' && body.callId !== '') {
    return { status: 'picked', sipCallId: body.callId };
  }
  if (response.status === 409) return { status: 'not-ringing' };
  if (response.status === 480) return { status: 'not-registered' };
  return { status: 'unavailable', detail: `Kamailio answered HTTP ${response.status}` };
}
