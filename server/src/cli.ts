/**
 * UC server command line: `npm run server -- <command> [options]`.
 *
 *   serve                         run the server (default 127.0.0.1:8802) until SIGINT/SIGTERM
 *   migrate                       bring the database schema up to date
 *   create-user NUMBER --name NAME --password PW [--email E] [--mobile M] [--no-force-change]
 *   reset-password NUMBER [--password PW]   new password (random if omitted), forced change at next login
 *   seed-demo                     create the demo users of server/kamailio/demo-users.json (idempotent)
 *   import-directory FILE.csv     administrator import (global directory, speed dials)
 *   set-photo NUMBER FILE.png|jpg  internal-directory photo of an account (≤ 512 KB); remove-photo NUMBER
 *   routing-secret                the call-routing URL and secret for a Kamailio configured by hand
 *   sip-credentials NUMBER [--rotate]  the account's SIP user/secret (for a desk phone or a plain SIP client)
 *   add-device NUMBER --name NAME [--sip-port N] [--sip-tls-port N]   a desk phone of the user: its own SIP credentials
 *   list-devices [NUMBER]         the devices of one user or of all;  remove-device SIP_AUTH_USER
 *   add-trunk, list-trunks, remove-trunk, add-did, remove-did, list-dids, dial-plan   SIP trunks (features/trunks)
 *
 * Common options: --database sqlite:PATH|postgres://…  --data-dir DIR  --host H  --port N
 *   --sip-ws-url wss://…  --sip-domain D  --ice-servers JSON  --tls-cert FILE --tls-key FILE  --internal-port N
 *   --turn-urls turn:h:p,…  --turn-ttl-s N (TURN REST credentials; secret in UC_SERVER_TURN_SECRET)
 *   --kamailio-rpc-url http://…/RPC
 *   --trust-proxy false|ADDR,CIDR…|true  --max-event-sockets N  (or UC_SERVER_* env, see config.ts)
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assertNever } from '../../src-preload/contract/platform/assert-never';
import { UC_API_BASE_PATH } from '../../src-preload/contract/platform';
import { seedDemoUsers } from './app/seed-demo';
import { openServerDatabase } from './app/server-database';
import { startUcServer } from './app/uc-server';
import {
  AccountError,
  createAccount,
  findAccountByNumber,
  rotateSipSecret,
  setAccountPassword,
  sipSecretOf,
} from './features/accounts';
import { addDevice, listDevices, removeDevice } from './features/devices';
import { runImportDirectoryCommand, runPhotoCommand } from './features/directory';
import { callRoutingFor } from './features/routing';
import { runTrunkCommand, TRUNK_COMMANDS, TRUNK_USAGE, type TrunkCommand } from './features/trunks';
import { configInputFromEnv, resolveServerConfig, type ServerConfig } from './platform/config';
import { createServerContext } from './platform/server-context';
import { ensureSelfSignedCertificate } from './platform/tls/self-signed-certificate';

const COMMANDS = [
  'serve',
  'migrate',
  'create-user',
  'reset-password',
  'seed-demo',
  'import-directory',
  'set-photo',
  'remove-photo',
  'routing-secret',
  'sip-credentials',
  'add-device',
  'list-devices',
  'remove-device',
  ...TRUNK_COMMANDS,
] as const;
type Command = (typeof COMMANDS)[number];

const USAGE = `Usage: npm run server -- <${COMMANDS.join('|')}> [options]
  serve                         run the UC server (default https://127.0.0.1:8802/api/v1)
  migrate                       bring the database schema up to date
  create-user NUMBER --name NAME --password PW [--email E] [--mobile M] [--no-force-change]
  reset-password NUMBER [--password PW]
  seed-demo                     create the demo users (idempotent)
  import-directory FILE.csv [--directory global|system] [--encoding LABEL] [--replace]
                                import the global directory / speed dials (all or nothing)
  set-photo NUMBER FILE.png|jpg photo of an internal user (PNG/JPEG, max 512 KB, not resized yet)
  remove-photo NUMBER           remove it
  routing-secret                print the call-routing URL and X-UC-Routing-Secret for Kamailio
  sip-credentials NUMBER [--rotate]
                                print the account's SIP user and secret (desk phone, plain SIP client);
                                --rotate makes a new one (every device of the account must be set again)
  add-device NUMBER --name NAME [--sip-port N] [--sip-tls-port N]
                                a desk phone (plain SIP device) of the user: prints its own SIP credentials
                                (shown once); it registers under the user's number and rings with the app
  list-devices [NUMBER]         the devices of one user (or of every user)
  remove-device SIP_AUTH_USER   removes a device: its credentials at once, its registration too when
                                --kamailio-rpc-url is given (else it lasts until it expires)
${TRUNK_USAGE}
Options: --database sqlite:PATH|postgres://USER@HOST:PORT/DB  --data-dir DIR  --host H  --port N
         --sip-ws-url wss://…  --sip-domain DOMAIN  --ice-servers JSON  --seed-demo (serve)
         --tls-cert FILE --tls-key FILE   the API's certificate (PEM); without them serve makes a
                                          self-signed one in DATA_DIR/tls (clients ask to trust it)
         --internal-port N  plain-HTTP listener on 127.0.0.1 for Kamailio's call routing only
         --kamailio-rpc-url http://HOST:PORT/RPC   Kamailio's JSON-RPC: publish presence (PIDF) for SIP watchers; busy lamps read registrations and calls
         --trust-proxy false|ADDR[,CIDR…]|true     believe X-Forwarded-For only from these proxies (default false)
         --max-event-sockets N                     live-event sockets per account (default 8; a new one closes the oldest)`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      database: { type: 'string' },
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'sip-ws-url': { type: 'string' },
      'sip-domain': { type: 'string' },
      'ice-servers': { type: 'string' },
      'turn-urls': { type: 'string' },
      'turn-ttl-s': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'max-event-sockets': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'internal-port': { type: 'string' },
      'kamailio-rpc-url': { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      email: { type: 'string' },
      mobile: { type: 'string' },
      'no-force-change': { type: 'boolean', default: false },
      'seed-demo': { type: 'boolean', default: false },
      // import-directory (forwarded to runImportDirectoryCommand)
      directory: { type: 'string' },
      encoding: { type: 'string' },
      format: { type: 'string' },
      replace: { type: 'boolean', default: false },
      rotate: { type: 'boolean', default: false },
      // add-device: the ports printed in the device's proxy addresses (Kamailio's, not the UC server's)
      'sip-port': { type: 'string' },
      'sip-tls-port': { type: 'string' },
      // trunks (forwarded to runTrunkCommand)
      address: { type: 'string' },
      transport: { type: 'string' },
      username: { type: 'string' },
      sources: { type: 'string' },
      'number-format': { type: 'string' },
      country: { type: 'string' },
      'main-number': { type: 'string' },
      priority: { type: 'string' },
      'outside-prefix': { type: 'string' },
      emergency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [commandName, ...args] = positionals;
  if (values.help || commandName === undefined) {
    process.stdout.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  if (!(COMMANDS as readonly string[]).includes(commandName)) {
    process.stderr.write(`Unknown command ${JSON.stringify(commandName)}\n${USAGE}\n`);
    return 2;
  }
  const command = commandName as Command;
  const env = configInputFromEnv();
  const config = resolveServerConfig({
    ...env,
    database: values.database ?? env.database,
    dataDir: values['data-dir'] ?? env.dataDir,
    host: values.host ?? env.host,
    port: values.port ?? env.port,
    sipWsUrl: values['sip-ws-url'] ?? env.sipWsUrl,
    sipDomain: values['sip-domain'] ?? env.sipDomain,
    iceServers: values['ice-servers'] ?? env.iceServers,
    // the TURN secret only from the environment (UC_SERVER_TURN_SECRET): a flag shows in `ps`
    turnUrls: values['turn-urls'] ?? env.turnUrls,
    turnTtlS: values['turn-ttl-s'] ?? env.turnTtlS,
    trustProxy: values['trust-proxy'] ?? env.trustProxy,
    maxEventSockets: values['max-event-sockets'] ?? env.maxEventSockets,
    tlsCert: values['tls-cert'] ?? env.tlsCert,
    tlsKey: values['tls-key'] ?? env.tlsKey,
    internalPort: values['internal-port'] ?? env.internalPort,
    kamailioRpcUrl: values['kamailio-rpc-url'] ?? env.kamailioRpcUrl,
  });

  if (command === 'serve') return serve(config, values['seed-demo']);
  const database = await openServerDatabase(config.databaseUrl);
  const ctx = createServerContext({ database, config });
  try {
    switch (command) {
      case 'migrate':
        process.stdout.write(`Database ${redact(config.databaseUrl)} is up to date.\n`);
        return 0;
      case 'create-user': {
        const number = requireArg(args, 'NUMBER');
        if (!values.name || !values.password) throw new AccountError('create-user needs --name and --password');
        await createAccount(ctx, {
          number,
          displayName: values.name,
          password: values.password,
          email: values.email,
          mobile: values.mobile,
          mustChangePassword: !values['no-force-change'],
        });
        process.stdout.write(`Created ${number} (${values.name}).\n`);
        return 0;
      }
      case 'reset-password': {
        const number = requireArg(args, 'NUMBER');
        const account = await findAccountByNumber(ctx.db, number);
        if (!account) throw new AccountError(`No account ${number}`);
        const password = values.password ?? randomPassword();
        await setAccountPassword(ctx, account.id, password, true);
        process.stdout.write(
          `Password of ${number} reset${values.password ? '' : ` to ${password}`}; it must be changed at the next login.\n`,
        );
        return 0;
      }
      case 'seed-demo': {
        const created = await seedDemoUsers(ctx);
        process.stdout.write(
          created.length ? `Created demo users ${created.join(', ')}.\n` : 'Demo users already exist.\n',
        );
        return 0;
      }
      case 'import-directory':
        return await runImportDirectoryCommand(
          [
            ...args,
            ...(values.directory !== undefined ? ['--directory', values.directory] : []),
            ...(values.encoding !== undefined ? ['--encoding', values.encoding] : []),
            ...(values.format !== undefined ? ['--format', values.format] : []),
            ...(values.replace ? ['--replace'] : []),
          ],
          ctx,
        );
      case 'set-photo':
      case 'remove-photo':
        return await runPhotoCommand(command, args, ctx);
      case 'routing-secret': {
        // what kamailio.cfg's {{ROUTING_URL}}, {{WATCH_POLICY_URL}} and {{ROUTING_SECRET}} take (see
        // server/README.md): the internal plain-HTTP listener on 127.0.0.1 (Kamailio on the same host)
        if (config.internalPort === undefined || config.internalPort === 0) {
          throw new AccountError('routing-secret needs --internal-port N (the port serve listens on for Kamailio)');
        }
        const routing = callRoutingFor(config, `http://127.0.0.1:${config.internalPort}${UC_API_BASE_PATH}`);
        process.stdout.write(
          `ROUTING_URL=${routing.url}\nWATCH_POLICY_URL=${routing.watchUrl}\nLINE_EVENTS_URL=${routing.lineEventsUrl}\n` +
            `SIP_MESSAGE_URL=${routing.sipMessageUrl}\n` +
            `CALL_EVENTS_URL=${routing.callEventsUrl}\n` +
            `ROUTING_SECRET=${routing.secret}\n`,
        );
        return 0;
      }
      case 'sip-credentials': {
        // SIP digest credentials are a secret of the account, not its password (issue #10)
        const number = requireArg(args, 'NUMBER');
        const account = await findAccountByNumber(ctx.db, number);
        if (!account) throw new AccountError(`No account ${number}`);
        const secret = values.rotate
          ? await ctx.db
              .transaction()
              .execute((trx) => rotateSipSecret(trx, account, config.sipDomain, ctx.clock.now()))
          : await sipSecretOf(ctx, account);
        process.stdout.write(`SIP_USER=${number}\nSIP_DOMAIN=${config.sipDomain}\nSIP_PASSWORD=${secret}\n`);
        return 0;
      }
      case 'add-device': {
        const number = requireArg(args, 'NUMBER');
        if (!values.name) throw new AccountError('add-device needs --name NAME (e.g. --name "Desk phone")');
        const sipPort = portOption(values['sip-port'], 5060, '--sip-port');
        const tlsPort = portOption(values['sip-tls-port'], 5061, '--sip-tls-port');
        const { device, password } = await addDevice(ctx, number, values.name);
        const domain = config.sipDomain;
        process.stdout.write(
          `Device ${device.sip_user} (${device.name}) added for ${number}. Set the phone up with:\n` +
            `SIP_USER=${number}\nSIP_AUTH_USER=${device.sip_user}\nSIP_PASSWORD=${password}\n` +
            `SIP_DOMAIN=${domain}\nSIP_REALM=${domain}\n` +
            `SIP_PROXY_UDP=sip:${domain}:${sipPort};transport=udp\n` +
            `SIP_PROXY_TCP=sip:${domain}:${sipPort};transport=tcp\n` +
            `SIP_PROXY_TLS=sip:${domain}:${tlsPort};transport=tls\n` +
            `VOICEMAIL=sip:voicemail@${domain}\n` +
            'The password is shown only now (the server keeps its digest hash); add the device again for a new one.\n',
        );
        return 0;
      }
      case 'list-devices': {
        const devices = await listDevices(ctx, args[0]);
        if (devices.length === 0) process.stdout.write('No devices.\n');
        for (const d of devices) {
          process.stdout.write(`${d.number}\t${d.sip_user}\t${d.name}\t${new Date(d.created_at).toISOString()}\n`);
        }
        return 0;
      }
      case 'remove-device': {
        const sipUser = requireArg(args, 'SIP_AUTH_USER');
        const { device, registration } = await removeDevice(ctx, sipUser);
        const what: Record<typeof registration, string> = {
          dropped: 'its registration is dropped',
          'not-registered': 'it was not registered',
          'no-kamailio-rpc':
            'its registration (if any) lasts until it expires: give --kamailio-rpc-url to drop it at once',
        };
        process.stdout.write(`Device ${device.sip_user} (${device.name}) removed; ${what[registration]}.\n`);
        return 0;
      }
      case 'add-trunk':
      case 'list-trunks':
      case 'remove-trunk':
      case 'add-did':
      case 'remove-did':
      case 'list-dids':
      case 'dial-plan':
        return await runTrunkCommand(command satisfies TrunkCommand, args, values, ctx, (t) => process.stdout.write(t));
      default:
        return assertNever(command, 'Unhandled command');
    }
  } finally {
    await database.close();
  }
}

async function serve(input: ServerConfig, seedDemo: boolean): Promise<number> {
  // no certificate configured: a self-signed one, so the API is never cleartext (issue 10)
  const config: ServerConfig = input.tls
    ? input
    : { ...input, tls: ensureSelfSignedCertificate(join(input.dataDir, 'tls'), [input.host]) };
  const server = await startUcServer(config, {
    logger: true,
    prepare: seedDemo ? async (ctx) => void (await seedDemoUsers(ctx)) : undefined,
  });
  process.stdout.write(
    `UC server listening on ${server.apiUrl} (database ${redact(config.databaseUrl)}; OpenAPI ${server.apiUrl}/openapi.json)\n` +
      `Certificate ${config.tls?.certPath ?? ''}${input.tls ? '' : ' (self-signed)'}, SHA-256 ${server.certificateFingerprint}\n` +
      (server.internalApiUrl ? `Internal listener for Kamailio: ${server.internalApiUrl}/internal/\n` : ''),
  );
  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`${signal}: stopping the UC server…\n`);
      server.close().then(
        () => resolveExit(0),
        (error: unknown) => {
          process.stderr.write(`Stop failed: ${(error as Error).message}\n`);
          resolveExit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

function portOption(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new AccountError(`${name}: a port 1-65535`);
  return port;
}

function requireArg(args: readonly string[], name: string): string {
  const value = args[0];
  if (value === undefined) throw new AccountError(`Missing ${name}`);
  return value;
}

/** A random password that satisfies the policy (upper, lower, digit, special, 12 chars). */
function randomPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@'];
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  const all = sets.join('');
  while (chars.length < 12) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** Hides a password in a postgres:// URL for printing. */
function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof AccountError || (error instanceof Error && /^--|Invalid|token secret/.test(error.message));
    process.stderr.write(`server: ${(error as Error).message}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    process.exit(1);
  },
);
