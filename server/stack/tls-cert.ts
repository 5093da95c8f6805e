import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** Files of the self-signed certificate used by the WSS listener. */
export interface TlsFiles {
  readonly certPath: string;
  readonly keyPath: string;
  /** Kamailio tls module config (modparam("tls", "config", ...)). */
  readonly tlsCfgPath: string;
}

/**
 * Creates (once; reused afterwards) a self-signed P-256 certificate for
 * 127.0.0.1/localhost/uc.test in `dir`, plus the Kamailio tls.cfg pointing at it.
 * Clients must skip verification (Chromium: --ignore-certificate-errors).
 */
export function ensureSelfSignedCert(dir: string): TlsFiles {
  mkdirSync(dir, { recursive: true });
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const tlsCfgPath = join(dir, 'tls.cfg');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    const result = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '825',
        '-subj',
        '/CN=switchboard-dev',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:uc.test',
      ],
      { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (result.error) throw new Error(`Cannot run openssl (apt-get install openssl): ${result.error.message}`);
    if (result.status !== 0) throw new Error(`openssl failed (exit ${result.status}): ${result.stderr.trim()}`);
  }
  // Kamailio tls module format; no client certificates in dev
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
