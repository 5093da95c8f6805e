/**
 * The layers are enforced by lint, not by habit (issue #9): each wrong import
 * below, linted with the project's own eslint.config.js as if it were written
 * in that file, is an error; the right ones are not. If someone loosens the
 * boundaries configuration, this test says which rule stopped holding.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: ROOT,
    // the snippets are not files of a TypeScript project: lint them without type information
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/switch-exhaustiveness-check': 'off',
      },
    },
  });
});

/** Boundary errors of `code` linted as the file `path` (relative to the repository). */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = imported;\n`, { filePath: join(ROOT, path) });
  const fatal = (result?.messages ?? []).filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`not linted: ${fatal.map((m) => m.message).join('; ')}`);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.startsWith('boundaries/') || m.ruleId === 'no-restricted-imports')
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries (eslint)', () => {
  it.each([
    [
      'the core importing a shell',
      'src-main/core/platform/wrong.ts',
      "import { mainWindowSettings as imported } from '../../shell/main-window-settings';",
    ],
    [
      'a core feature importing another feature’s internals',
      'src-main/core/features/calls/wrong.ts',
      "import { PresenceService as imported } from '../presence/presence-service';",
    ],
    [
      'the server importing client code',
      'server/src/features/presence/wrong.ts',
      "import { PresenceService as imported } from '../../../../src-main/core/features/presence';",
    ],
    [
      'server/src importing server/stack',
      'server/src/platform/wrong.ts',
      "import { startStack as imported } from '../../stack/start-stack';",
    ],
    [
      'the renderer importing the engine',
      'src-renderer/src/features/calls/wrong.ts',
      "import { composeAppCore as imported } from '../../../../src-main/core/app/compose-app-core';",
    ],
    [
      'a renderer feature importing another feature’s internals',
      'src-renderer/src/features/calls/wrong.ts',
      "import { PresenceDot as imported } from '../presence/presence-dot';",
    ],
    [
      'a server feature importing another feature’s internals',
      'server/src/features/routing/wrong.ts',
      "import { PresenceService as imported } from '../presence/presence-service';",
    ],
    [
      'the contract importing the engine',
      'src-preload/contract/calls/wrong.ts',
      "import { composeAppCore as imported } from '../../../src-main/core/app/compose-app-core';",
    ],
    ['the core importing electron', 'src-main/core/platform/wrong.ts', "import { app as imported } from 'electron';"],
  ])('refuses %s', async (_what, path, code) => {
    expect(await boundaryErrors(path, code)).not.toEqual([]);
  });

  it.each([
    [
      'a feature through the other’s index.ts',
      'src-main/core/features/calls/fine.ts',
      "import { PresenceService as imported } from '../presence';",
    ],
    [
      'a feature’s own files',
      'src-main/core/features/presence/fine.ts',
      "import { PresenceService as imported } from './presence-service';",
    ],
    [
      'the server importing the contract',
      'server/src/features/presence/fine.ts',
      "import { presenceSchema as imported } from '../../../../src-preload/contract/presence';",
    ],
    [
      'the stack tooling importing the server',
      'server/stack/fine.ts',
      "import { startUcServer as imported } from '../src/app/uc-server';",
    ],
  ])('allows %s', async (_what, path, code) => {
    expect(await boundaryErrors(path, code)).toEqual([]);
  });
});
