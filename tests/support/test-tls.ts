/**
 * The certificate the test servers serve (HTTPS API, Kamailio WSS): made once
 * per checkout by vitest.config.ts, which also makes the test processes trust
 * it (NODE_EXTRA_CA_CERTS). A test about certificate trust makes its own
 * with {@link freshSelfSignedCert}: that one is trusted by nobody.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSelfSignedCert, type TlsFiles } from '../../server/stack/tls-cert';

/** The shared test certificate (and its Kamailio tls.cfg). */
export function testTls(): TlsFiles {
  const dir = process.env.SWITCHBOARD_TEST_TLS_DIR;
  if (!dir) throw new Error('SWITCHBOARD_TEST_TLS_DIR is not set: run the tests through vitest (vitest.config.ts)');
  return ensureSelfSignedCert(dir);
}

/** A new self-signed certificate for 127.0.0.1 in a new temp dir, trusted by no one. */
export function freshSelfSignedCert(): TlsFiles {
  return ensureSelfSignedCert(mkdtempSync(join(tmpdir(), 'sb-tls-')));
}
