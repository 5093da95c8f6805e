import { assertNever } from '../../../../src-preload/contract/platform/assert-never';
import type { ServerContext } from '../../platform/server-context';
import {
  TrunkError,
  addDid,
  addTrunk,
  listDids,
  listTrunks,
  readDialPlanSettings,
  removeDid,
  removeTrunk,
  writeDialPlanSettings,
} from './trunk-store';

/** The administrator's trunk commands (`npm run server -- <command>`). */
export const TRUNK_COMMANDS = [
  'add-trunk',
  'list-trunks',
  'remove-trunk',
  'add-did',
  'remove-did',
  'list-dids',
  'dial-plan',
] as const;
export type TrunkCommand = (typeof TRUNK_COMMANDS)[number];

/** Options the CLI parsed for these commands (all strings, as given). */
export interface TrunkCommandOptions {
  address?: string;
  transport?: string;
  username?: string;
  password?: string;
  sources?: string;
  'number-format'?: string;
  country?: string;
  'main-number'?: string;
  priority?: string;
  'outside-prefix'?: string;
  emergency?: string;
}

export const TRUNK_USAGE = `  add-trunk NAME --address HOST[:PORT] [--transport udp|tcp|tls] [--username U --password P]
            [--sources IP[:PORT],…] [--number-format e164|national] [--country FR] [--main-number +33…] [--priority N]
                                a carrier: digest credentials for its 401/407 and/or the source addresses
                                its INVITEs come from (inbound calls are accepted from those only)
  list-trunks | remove-trunk NAME
  add-did +33123456789 EXT      a public number ringing user EXT (and their caller ID); remove-did N; list-dids
  dial-plan [--outside-prefix 0] [--country FR] [--emergency 112,15,17,18,911]
                                show or change the outside-line prefix, country and emergency numbers`;

/** Runs one trunk command; output on stdout, exit code 0 (done) or 1 (refused, nothing written). */
export async function runTrunkCommand(
  command: TrunkCommand,
  args: readonly string[],
  options: TrunkCommandOptions,
  ctx: ServerContext,
  out: (text: string) => void,
): Promise<number> {
  try {
    switch (command) {
      case 'add-trunk': {
        const name = args[0];
        if (name === undefined || options.address === undefined)
          throw new TrunkError('add-trunk NAME --address HOST[:PORT]');
        const trunk = await addTrunk(
          ctx.db,
          {
            name,
            address: options.address,
            ...(options.transport !== undefined ? { transport: options.transport } : {}),
            ...(options.username !== undefined ? { username: options.username } : {}),
            ...(options.password !== undefined ? { password: options.password } : {}),
            ...(options.sources !== undefined ? { sources: options.sources.split(',').filter(Boolean) } : {}),
            ...(options['number-format'] !== undefined ? { numberFormat: options['number-format'] } : {}),
            ...(options.country !== undefined ? { country: options.country } : {}),
            ...(options['main-number'] !== undefined ? { mainNumber: options['main-number'] } : {}),
            ...(options.priority !== undefined ? { priority: Number(options.priority) } : {}),
          },
          ctx.clock.now(),
        );
        out(`Trunk ${trunk.name} added: sip:${trunk.host}:${trunk.port};transport=${trunk.transport}.\n`);
        return 0;
      }
      case 'list-trunks': {
        const trunks = await listTrunks(ctx.db);
        if (trunks.length === 0) out('No trunk: calls to external numbers are refused (503).\n');
        for (const t of trunks) {
          out(
            `${t.name}\tsip:${t.host}:${t.port};transport=${t.transport}\t` +
              `auth=${t.username === undefined ? '-' : `${t.username}:***`}\tsources=${t.sources.join(',') || '-'}\t` +
              `format=${t.numberFormat}\tcountry=${t.country ?? '-'}\tmain=${t.mainNumber ?? '-'}\tpriority=${t.priority}\n`,
          );
        }
        return 0;
      }
      case 'remove-trunk': {
        const name = args[0];
        if (name === undefined) throw new TrunkError('remove-trunk NAME');
        if (!(await removeTrunk(ctx.db, name))) throw new TrunkError(`no trunk named "${name}"`);
        out(`Trunk ${name} removed.\n`);
        return 0;
      }
      case 'add-did': {
        const [did, account] = args;
        if (did === undefined || account === undefined) throw new TrunkError('add-did NUMBER EXTENSION');
        const settings = await readDialPlanSettings(ctx.db);
        const number = await addDid(ctx.db, { did, account }, settings, ctx.clock.now());
        out(`DID ${number} rings ${account} and is their caller ID.\n`);
        return 0;
      }
      case 'remove-did': {
        const did = args[0];
        if (did === undefined) throw new TrunkError('remove-did NUMBER');
        if (!(await removeDid(ctx.db, did, await readDialPlanSettings(ctx.db)))) throw new TrunkError(`no DID ${did}`);
        out(`DID ${did} removed.\n`);
        return 0;
      }
      case 'list-dids': {
        for (const d of await listDids(ctx.db)) out(`${d.number}\t${d.account}\n`);
        return 0;
      }
      case 'dial-plan': {
        const settings = await writeDialPlanSettings(ctx.db, {
          ...(options['outside-prefix'] !== undefined ? { outsidePrefix: options['outside-prefix'] } : {}),
          ...(options.country !== undefined ? { country: options.country } : {}),
          ...(options.emergency !== undefined
            ? { emergencyNumbers: options.emergency.split(',').map((n) => n.trim()) }
            : {}),
        });
        out(
          `outside prefix: ${settings.outsidePrefix === '' ? '(none)' : settings.outsidePrefix}\n` +
            `country: ${settings.country ?? '(none)'}\nemergency numbers: ${settings.emergencyNumbers.join(', ')}\n`,
        );
        return 0;
      }
      default:
        return assertNever(command, 'Unhandled trunk command');
    }
  } catch (error) {
    if (error instanceof TrunkError) {
      process.stderr.write(`server: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
