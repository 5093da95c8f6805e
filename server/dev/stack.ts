/**
 * `npm run stack` — runs the dev stack in the foreground: the UC server on
 * http://127.0.0.1:8802/api/v1 (SQLite .stack/uc-server.sqlite, demo users
 * seeded) and Kamailio authenticating against its accounts on
 * ws://127.0.0.1:8080, wss://127.0.0.1:8443 (self-signed) and udp 127.0.0.1:5060,
 * with its files in `.stack/`. Ctrl+C (SIGINT) or SIGTERM stops it cleanly.
 *
 * Options: --api-port N  --database URL  --ws-port N  --wss-port N  --udp-port N (UDP and TCP)  --sip-tls-port N
 *          --no-wss  --no-sip-tls  --debug N
 */
import { parseArgs } from 'node:util';
import { DEFAULT_STACK_PORTS, startStack, type RunningStack } from '../stack/start-stack';

function parsePort(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`--${name}: expected a port number 1-65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'api-port': { type: 'string' },
      'janus-port': { type: 'string' },
      database: { type: 'string' },
      'ws-port': { type: 'string' },
      'wss-port': { type: 'string' },
      'udp-port': { type: 'string' },
      'sip-tls-port': { type: 'string' },
      'no-sip-tls': { type: 'boolean', default: false },
      'no-wss': { type: 'boolean', default: false },
      debug: { type: 'string' },
    },
    strict: true,
  });
  const debugLevel = values.debug === undefined ? 2 : Number(values.debug);
  if (!Number.isInteger(debugLevel) || debugLevel < -5 || debugLevel > 5) throw new Error('--debug: expected -5..5');

  const stack: RunningStack = await startStack({
    wsPort: parsePort(values['ws-port'], DEFAULT_STACK_PORTS.ws, 'ws-port'),
    wssPort: values['no-wss'] ? null : parsePort(values['wss-port'], DEFAULT_STACK_PORTS.wss, 'wss-port'),
    udpPort: parsePort(values['udp-port'], DEFAULT_STACK_PORTS.udp, 'udp-port'),
    sipTlsPort: values['no-sip-tls']
      ? null
      : parsePort(values['sip-tls-port'], DEFAULT_STACK_PORTS.sipTls, 'sip-tls-port'),
    apiPort: parsePort(values['api-port'], DEFAULT_STACK_PORTS.api, 'api-port'),
    janusPort: parsePort(values['janus-port'], DEFAULT_STACK_PORTS.janus, 'janus-port'),
    database: values.database,
    debugLevel,
  });

  const out = process.stdout;
  out.write('\nSwitchboard dev stack is running (UC server + Kamailio)\n');
  out.write(`  UC server   ${stack.apiUrl}   (login server field: ${stack.serverAddress})\n`);
  out.write(`  OpenAPI     ${stack.apiUrl}/openapi.json\n`);
  out.write(`  Certificate SHA-256 ${stack.certificateFingerprint}\n`);
  out.write('              (self-signed, for the API and WSS; the app shows it once and asks to trust it)\n');
  if (stack.wssUrl) out.write(`  Secure WS   ${stack.wssUrl}   (provisioned to clients)\n`);
  out.write(`  WebSocket   ${stack.wsUrl}   (cleartext, loopback only: the voicemail service, SIP tests)\n`);
  out.write(
    `  SIP UDP/TCP ${stack.domain}:${stack.kamailio.udpPort}   (desk phones: npm run server -- add-device …)\n`,
  );
  if (stack.kamailio.sipTlsPort !== undefined)
    out.write(`  SIP TLS     ${stack.domain}:${stack.kamailio.sipTlsPort}\n`);
  out.write(`  SIP domain  ${stack.domain}   (aliases: localhost, uc.test)\n`);
  const rtp = stack.rtpengine.rtpPortRange;
  out.write(
    `  Media relay rtpengine ng ${stack.rtpengine.ngSocket}, RTP ${rtp ? `${rtp.min}-${rtp.max}` : '?'}   (WebRTC <-> desk phones; log: ${stack.rtpengine.logPath})\n`,
  );
  if (stack.voicemail)
    out.write('  Voicemail   dial vm<extension> (e.g. vm101); the service is registered as "voicemail"\n');
  if (stack.conferences)
    out.write(
      `  Conferences dial 7000 + PIN, or conf<id> as a member; Janus AudioBridge API ${stack.conferences.janus.apiUrl} (log: ${stack.conferences.janus.logPath})\n`,
    );
  out.write(`  Files       ${stack.runDir}   (log: ${stack.kamailio.logPath})\n\n`);
  out.write('  Demo users (extension / initial password / name); * = must change the password at first login:\n');
  for (const user of stack.users) {
    const star = user.mustChangePassword ? '*' : ' ';
    out.write(`    ${user.number.padEnd(6)} ${user.password.padEnd(14)} ${star} ${user.displayName}\n`);
  }
  out.write('  (passwords changed through the app are kept in .stack/uc-server.sqlite; delete it to reset)\n');
  out.write('\nPress Ctrl+C to stop.\n');

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    out.write(`\n${signal}: stopping Kamailio and the UC server...\n`);
    stack.stop().then(
      () => {
        out.write('Stopped.\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Stop failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
  stack.kamailio.onDidExitUnexpectedly((reason) => {
    if (stopping) return;
    process.stderr.write(`\nKamailio stopped unexpectedly (${reason}). Log tail:\n${stack.kamailio.logTail()}\n`);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run stack: ${(error as Error).message}\n`);
  process.exit(1);
});
