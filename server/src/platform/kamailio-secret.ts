import { createHmac } from 'node:crypto';
import type { ServerConfig } from './config';

/** What a secret shared with Kamailio guards. */
export type KamailioSecretPurpose =
  /** Kamailio asks the UC server how to deliver a call (X-UC-Routing-Secret) */
  | 'call-routing'
  /** the UC server's agents call Kamailio's JSON-RPC (X-RPC-Secret) */
  | 'json-rpc';

/**
 * A secret shared by the UC server and Kamailio for one purpose: an HMAC of
 * the server's token key, so the stack launcher can give Kamailio its secrets
 * without another setting, the two purposes never share one, and
 * `npm run server -- kamailio-secrets` prints them for a Kamailio configured by hand.
 */
export function kamailioSecretOf(config: Pick<ServerConfig, 'tokenSecret'>, purpose: KamailioSecretPurpose): string {
  return createHmac('sha256', config.tokenSecret).update(`switchboard kamailio ${purpose} v1`).digest('hex');
}
