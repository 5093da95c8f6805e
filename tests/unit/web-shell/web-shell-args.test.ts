import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEB_SHELL_PORT, parseWebShellArgs } from '../../../src-main/web-shell/web-shell-args';

const repo = path.resolve('/repo');

describe('parseWebShellArgs', () => {
  it('has defaults', () => {
    expect(parseWebShellArgs([], {}, repo)).toEqual({
      port: DEFAULT_WEB_SHELL_PORT,
      dataDir: path.join(repo, '.stack', 'web-shell-data'),
    });
    expect(DEFAULT_WEB_SHELL_PORT).toBe(7600);
  });

  it('reads flags (both forms) over the environment', () => {
    const env = { SWITCHBOARD_WEB_PORT: '7001', SWITCHBOARD_DATA_DIR: '/env/data' };
    expect(parseWebShellArgs([], env, repo)).toEqual({ port: 7001, dataDir: path.resolve('/env/data') });
    expect(parseWebShellArgs(['--port', '0', '--data-dir=/d', '--static-dir', '/s'], env, repo)).toEqual({
      port: 0,
      dataDir: path.resolve('/d'),
      staticDir: path.resolve('/s'),
    });
  });

  it.each([
    [['--port', 'abc'], /invalid port abc/],
    [['--port', '70000'], /invalid port/],
    [['--port', '1.5'], /invalid port/],
    [['--port'], /--port needs a value/],
    [['--data-dir='], /--data-dir needs a value/],
    [['--verbose'], /unknown argument --verbose/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseWebShellArgs(argv, {}, repo)).toThrow(message);
  });
});
