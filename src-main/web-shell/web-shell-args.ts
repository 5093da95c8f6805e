/**
 * Command line of `npm run start:web` (see start-web-shell.ts), kept apart so
 * it can be tested without starting the engine.
 */
import * as path from 'node:path';

export const DEFAULT_WEB_SHELL_PORT = 7600;
export interface WebShellArgs {
  port: number;
  dataDir: string;
  staticDir?: string;
}

/** Parses argv (after the script name) and the environment; throws with a clear message on bad input. */
export function parseWebShellArgs(argv: readonly string[], env: NodeJS.ProcessEnv, repoDir: string): WebShellArgs {
  let port: string | undefined = env['SWITCHBOARD_WEB_PORT'];
  let dataDir: string | undefined = env['SWITCHBOARD_DATA_DIR'];
  let staticDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--port':
        port = value();
        break;
      case '--data-dir':
        dataDir = value();
        break;
      case '--static-dir':
        staticDir = value();
        break;
      default:
        throw new Error(`unknown argument ${arg} (expected --port, --data-dir, --static-dir)`);
    }
  }
  const portNumber = port === undefined ? DEFAULT_WEB_SHELL_PORT : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    throw new Error(`invalid port ${port}: expected an integer 0..65535`);
  }
  return {
    port: portNumber,
    dataDir: path.resolve(repoDir, dataDir ?? path.join('.stack', 'web-shell-data')),
    ...(staticDir ? { staticDir: path.resolve(staticDir) } : {}),
  };
}
