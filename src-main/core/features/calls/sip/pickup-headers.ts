/**
 * The SIP headers behind pickup (SPEC D3), parsed without trusting more than they say.
 */

/**
 * Whether a CANCEL's Reason header says the call was completed elsewhere:
 * `SIP;cause=200` (RFC 3326 §2; RFC 3261 §9 mentions the "Call completed elsewhere" text). The
 * proxy sends it to the other devices when one answers, and to the called user's devices when a
 * colleague picks the call up — neither is a missed call.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3326#section-2
 */
export function isCompletedElsewhere(reason: string | undefined): boolean {
  if (reason === undefined) return false;
  // several reasons may be listed, comma-separated, one per protocol
  return reason.split(',').some((value) => /^\s*SIP\s*;(?:.*;)?\s*cause\s*=\s*200\s*(?:;|$)/i.test(value));
}

/**
 * The called user whose call this INVITE is, when the proxy re-targeted it to us for a pickup:
 * `X-UC-Pickup: by=<picker>;from=<callee>` (see server/kamailio/kamailio.cfg route[PICKUP_RETARGET]).
 * Only the proxy sets it (it strips it from every incoming request), and the engine answers such a
 * call by itself only when this very device asked to pick up that user's call.
 */
export function pickupOrigin(header: string | undefined): { by: string; from: string } | undefined {
  if (header === undefined) return undefined;
  const params = new Map<string, string>();
  for (const part of header.split(';')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    if (name && value) params.set(name.toLowerCase(), value);
  }
  const by = params.get('by');
  const from = params.get('from');
  const valid = (v: string | undefined): v is string => v !== undefined && /^[A-Za-z0-9._-]{1,32}$/.test(v);
  return valid(by) && valid(from) ? { by, from } : undefined;
}
