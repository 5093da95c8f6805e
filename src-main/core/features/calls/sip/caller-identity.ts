import { Grammar, type URI } from 'sip.js';

/** Who an incoming call is from, as far as our proxy vouches for it. */
export interface CallerIdentity {
  /**
   * An internal number (the user part our proxy asserted), or for an external
   * caller the full `sip:user@host` URI it claimed (or the number a trunk asserted).
   */
  readonly peer: string;
  /** the From display name, kept only for a caller our proxy authenticated */
  readonly name: string | undefined;
  /** not one of our users: never matched to a colleague (no name, photo or presence of theirs) */
  readonly external: boolean;
}

/** The parts of a request's From (sip.js `NameAddrHeader`) this needs. */
export interface FromIdentity {
  readonly uri: URI;
  readonly displayName: string | undefined;
}

/**
 * Decides who is calling from the From header and the `P-Asserted-Identity`
 * our proxy adds (RFC 3325 §9.1). The proxy removes any PAI a request brings
 * and asserts `<sip:user@domain>` only for a caller that authenticated as one
 * of our users (server/kamailio/kamailio.cfg, route AUTH), so:
 *
 * - PAI in our domain → internal: the asserted user is the number; From's name is kept;
 * - PAI in another domain, or a `tel:` PAI (RFC 3966; what our proxy asserts for a
 *   call that came in through a trunk, in +E.164) → external, that number;
 * - no PAI → external, shown as the full URI it claims. A From of
 *   `"Bruno" <sip:101@elsewhere>` is not our 101, so it gets neither the name
 *   nor the number a colleague would get, and "call back" dials that URI.
 */
export function callerIdentity(
  from: FromIdentity,
  assertedIdentity: string | undefined,
  localDomain: string,
): CallerIdentity {
  const telephone = assertedTelephone(assertedIdentity);
  if (telephone !== undefined) return { peer: telephone, name: undefined, external: true };
  const asserted = parseAsserted(assertedIdentity);
  if (asserted?.user) {
    if (asserted.host.toLowerCase() === localDomain.toLowerCase()) {
      const name = from.displayName?.trim();
      const sameUser = from.uri.user === asserted.user;
      return { peer: asserted.user, name: sameUser && name ? name : undefined, external: false };
    }
    return { peer: asserted.user, name: undefined, external: true };
  }
  const { scheme, user, host } = from.uri;
  const peer = `${scheme === 'sips' ? 'sips' : 'sip'}:${user ? `${user}@` : ''}${host}`;
  return { peer, name: undefined, external: true };
}

/** The number of a `<tel:+33…>` PAI value (global numbers only, RFC 3966 §5.1.4), when there is one and no SIP one. */
function assertedTelephone(header: string | undefined): string | undefined {
  if (!header || /<sips?:/i.test(header)) return undefined;
  const match = /<tel:(\+[0-9][0-9().-]{1,30})(?:;[^>]*)?>/i.exec(header);
  return match?.[1]?.replace(/[().-]/g, '');
}

/** The first SIP URI among a PAI header's comma-separated values (RFC 3325 §9.1 allows a sip and a tel one). */
function parseAsserted(header: string | undefined): URI | undefined {
  if (!header) return undefined;
  for (const value of header.split(/,(?=\s*(?:"|<|sips?:|tel:))/i)) {
    const parsed = Grammar.nameAddrHeaderParse(value.trim());
    if (parsed && (parsed.uri.scheme === 'sip' || parsed.uri.scheme === 'sips')) return parsed.uri;
  }
  return undefined;
}
