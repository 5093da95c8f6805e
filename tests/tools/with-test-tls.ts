/**
 * `tsx tests/tools/with-test-tls.ts SCRIPT [ARGS…]`: runs a tool that starts
 * test stacks outside vitest (`npm run soak`, `npm run bench`) with the test
 * certificate trusted, as vitest.config.ts does for the suites: the servers
 * serve HTTPS only (issue 10) and NODE_EXTRA_CA_CERTS is read at process start.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureSelfSignedCertificate } from '../../server/src/platform/tls/self-signed-certificate';

const dir = fileURLToPath(new URL('../../.tmp/test-tls', import.meta.url));
const { certPath } = ensureSelfSignedCertificate(dir);
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: tsx tests/tools/with-test-tls.ts SCRIPT [ARGS…]');
  process.exit(2);
}
const result = spawnSync('npx', ['tsx', script, ...args], {
  stdio: 'inherit',
  env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath, SWITCHBOARD_TEST_TLS_DIR: dir },
});
process.exit(result.status ?? 1);
