import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { ucChannelsDefine } from './src-preload/uc-channels-define';
import { ensureSelfSignedCertificate } from './server/src/platform/tls/self-signed-certificate';

// The test servers serve HTTPS (issue 10) with one self-signed certificate per checkout, which the
// test processes trust as a CA: NODE_EXTRA_CA_CERTS is read when a process starts, so it is set
// here, before vitest forks its workers. Clients still verify it like any CA-signed certificate
// (name included); the certificate-trust tests use certificates of their own, not trusted here.
const testTls = ensureSelfSignedCertificate(fileURLToPath(new URL('./.tmp/test-tls', import.meta.url)));
process.env.NODE_EXTRA_CA_CERTS = testTls.certPath;
process.env.SWITCHBOARD_TEST_TLS_DIR = fileURLToPath(new URL('./.tmp/test-tls', import.meta.url));

// Three projects mirror tests/: unit (fast, no servers), integration (real
// Kamailio, werift media), e2e (web shell in Debian's Chromium, real audio).
export default defineConfig({
  test: {
    projects: [
      {
        // the preload's build-time constant (src-preload/uc-api.ts)
        define: ucChannelsDefine(),
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
