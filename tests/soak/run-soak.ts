/**
 * `npm run soak [-- --minutes 30 --clients 4 --interval 30 --scaled]`: keeps
 * clients registered through the real stack and rings each of them every
 * interval; prints reachability (calls that rang / calls placed, per client)
 * and re-registration counts. Exits 1 when any call did not ring. See
 * tests/soak/README.md.
 */
import { parseArgs } from 'node:util';
import { formatSoakReport, runSoak } from './soak-runner';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: process.env.SOAK_MINUTES ?? '30' },
    clients: { type: 'string', default: process.env.SOAK_CLIENTS ?? '4' },
    interval: { type: 'string', default: process.env.SOAK_INTERVAL_S ?? '30' },
    scaled: { type: 'boolean', default: false },
  },
});
const minutes = Number(values.minutes);
const clients = Number(values.clients);
const intervalS = Number(values.interval);
if (!(minutes > 0) || !Number.isInteger(clients) || clients < 1 || clients > 40 || !(intervalS >= 5)) {
  console.error('usage: npm run soak -- [--minutes M (> 0)] [--clients N (1–40)] [--interval S (>= 5)] [--scaled]');
  process.exit(2);
}
const webClients = Math.ceil(clients / 2);
const report = await runSoak({
  minutes,
  callIntervalMs: intervalS * 1000,
  webClients,
  weriftClients: clients - webClients,
  scaled: values.scaled,
});
console.log(`\n${formatSoakReport(report)}`);
process.exit(report.reachability === 1 ? 0 : 1);
