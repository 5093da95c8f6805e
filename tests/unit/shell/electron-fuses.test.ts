/**
 * The packaged app's Electron fuses (issue 10): electron-builder.yml must flip
 * them, with the key names the installed electron-builder knows (a misspelt
 * key would only fail at packaging time, on a machine with internet).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

describe('electron-builder.yml fuses', () => {
  const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses?: unknown };

  it('turns off RunAsNode, NODE_OPTIONS, inspect arguments and file:// privileges; turns on cookie encryption and asar integrity', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("uses only keys of the installed electron-builder's schema (FuseOptionsV1)", () => {
    const require = createRequire(import.meta.url);
    const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: Record<string, { properties: Record<string, unknown> }>;
      properties: Record<string, { anyOf?: Array<{ $ref?: string }> }>;
    };
    const refs = (scheme.properties['electronFuses']?.anyOf ?? []).map((a) => a.$ref);
    expect(refs).toContain('#/definitions/FuseOptionsV1');
    const known = Object.keys(scheme.definitions['FuseOptionsV1']!.properties);
    for (const key of Object.keys(config.electronFuses as object)) expect(known, key).toContain(key);
  });
});
