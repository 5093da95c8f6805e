import { defineConfig } from 'vitest/config';
import { ucChannelsDefine } from './src-preload/uc-channels-define';

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
