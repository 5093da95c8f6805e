/**
 * The short soak (issue #8): the long soak of `npm run soak` with every timer
 * that keeps a registration alive scaled down (REGISTER expiry 20 s instead
 * of 300, keep-alives every 2 s instead of 10 and 15), so three minutes go
 * through about nine REGISTER refreshes and ninety keep-alive rounds per
 * client. Two web-shell clients (the app's core, Chromium as media host), two
 * werift phones and the voicemail service are rung every 10 s; a single call
 * that does not ring fails CI.
 */
import { describe, expect, it } from 'vitest';
import { formatSoakReport, runSoak } from '../soak/soak-runner';

const MINUTES = Number(process.env.SHORT_SOAK_MINUTES ?? 3);

describe('short soak: every client stays reachable', () => {
  it(
    `rings every client and the voicemail service every 10 s for ${MINUTES} min with scaled timers`,
    async () => {
      const report = await runSoak({
        minutes: MINUTES,
        callIntervalMs: 10_000,
        webClients: 2,
        weriftClients: 2,
        scaled: true,
        log: () => undefined,
      });
      console.log(formatSoakReport(report));
      expect(report.rounds).toBeGreaterThanOrEqual(Math.floor((MINUTES * 60) / 10) - 1);
      for (const client of report.clients) {
        expect(client.failures, client.name).toEqual([]);
        expect(client.rang, client.name).toBe(client.placed);
        expect(client.dropouts, client.name).toBe(0);
        // the registration really went through its refresh cycle many times
        expect(client.refreshes, client.name).toBeGreaterThanOrEqual(Math.floor((MINUTES * 60) / 20) - 2);
      }
      expect(report.reachability).toBe(1);
    },
    (MINUTES * 60 + 120) * 1000,
  );
});
