import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSelfSignedCertificate } from '../src/platform/tls/self-signed-certificate';

/** Files of the dev certificate, shared by the UC server (HTTPS) and Kamailio (WSS). */
export interface TlsFiles {
  readonly certPath: string;
  readonly keyPath: string;
  /** Kamailio tls module config (modparam("tls", "config", ...)). */
  readonly tlsCfgPath: string;
}

/**
 * Creates (once; reused afterwards) the self-signed P-256 certificate of the
 * dev host (127.0.0.1/::1/localhost/uc.test and `hosts`) in `dir`, plus the
 * Kamailio tls.cfg pointing at it. One certificate for the host: a client
 * that pinned it (SPEC A1) trusts the UC API, its events socket and the SIP
 * WSS listener of that host alike.
 */
export function ensureSelfSignedCert(dir: string, hosts: readonly string[] = []): TlsFiles {
  const { certPath, keyPath } = ensureSelfSignedCertificate(dir, hosts);
  const tlsCfgPath = join(dir, 'tls.cfg');
  // Kamailio tls module format; no client certificates (SIP clients authenticate with digest)
  writeFileSync(
    tlsCfgPath,
    [
      '[server:default]',
      'method = TLSv1.2+',
      'verify_certificate = no',
      'require_certificate = no',
      `private_key = ${keyPath}`,
      `certificate = ${certPath}`,
      '',
      '[client:default]',
      'method = TLSv1.2+',
      'verify_certificate = no',
      'require_certificate = no',
      '',
    ].join('\n'),
  );
  return { certPath, keyPath, tlsCfgPath };
}
