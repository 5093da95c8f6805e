import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/** PEM files of the UC server's certificate and key. */
export interface TlsCertificateFiles {
  readonly certPath: string;
  readonly keyPath: string;
}

/** Names every dev certificate covers besides the configured host. */
const DEV_NAMES = ['127.0.0.1', '::1', 'localhost', 'uc.test'];

/**
 * Creates (once; reused afterwards) a self-signed P-256 certificate in `dir`
 * for `hosts` plus the loopback names: what the dev stack, the demo, the tests
 * and a `serve` without `--tls-cert` use. Clients do not trust it until the
 * user accepts its SHA-256 fingerprint (SPEC A1; or the launcher pins it).
 * The key is owner-only (0600).
 */
export function ensureSelfSignedCertificate(dir: string, hosts: readonly string[] = []): TlsCertificateFiles {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) return { certPath, keyPath };
  const names = [...new Set([...hosts, ...DEV_NAMES])].filter((h) => /^[A-Za-z0-9.:-]{1,253}$/.test(h));
  const san = names.map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
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
      `subjectAltName=${san}`,
    ],
    { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.error) throw new Error(`Cannot run openssl (apt-get install openssl): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`openssl failed (exit ${result.status}): ${result.stderr.trim()}`);
  chmodSync(keyPath, 0o600);
  return { certPath, keyPath };
}

/** SHA-256 fingerprint of a PEM certificate, `AB:CD:…` (what clients show and pin, SPEC A1). */
export function certificateFingerprint(certPath: string): string {
  return new X509Certificate(readFileSync(certPath)).fingerprint256;
}
