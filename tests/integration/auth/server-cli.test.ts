import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { certificateFingerprint } from '../../../server/src/platform/tls/self-signed-certificate';
import { getFreePort } from '../../../server/stack/free-port';

// `npm run server -- …` (= tsx server/src/cli.ts): user administration on a
// SQLite data dir, and `serve` stopping cleanly on SIGTERM.

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(REPO, 'node_modules/.bin/tsx');

describe('UC server CLI', () => {
  let dataDir: string;
  const cli = (...args: string[]): { status: number | null; out: string } => {
    const result = spawnSync(TSX, ['server/src/cli.ts', ...args, '--data-dir', dataDir], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, out: result.stdout + result.stderr };
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo users idempotently, creates users, refuses duplicates, resets passwords', () => {
    expect(cli('seed-demo')).toMatchObject({ status: 0, out: expect.stringContaining('Created demo users 100, 101') });
    expect(cli('seed-demo')).toMatchObject({ status: 0, out: expect.stringContaining('already exist') });
    expect(cli('create-user', '300', '--name', 'Zoé Test', '--password', 'Init-300x')).toMatchObject({ status: 0 });
    const duplicate = cli('create-user', '300', '--name', 'Again', '--password', 'x');
    expect(duplicate.status).toBe(1);
    expect(duplicate.out).toContain('Account 300 already exists');
    const reset = cli('reset-password', '101');
    expect(reset.status).toBe(0);
    expect(reset.out).toMatch(/reset to \S{12}; it must be changed/);
    // a desk phone's SIP credentials: the account's secret, stable until rotated
    const first = cli('sip-credentials', '300');
    expect(first.status).toBe(0);
    const secret = /SIP_PASSWORD=(\S+)/.exec(first.out)?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(first.out).toContain('SIP_USER=300');
    expect(cli('sip-credentials', '300').out).toContain(`SIP_PASSWORD=${secret}`);
    const rotated = cli('sip-credentials', '300', '--rotate');
    expect(rotated.status).toBe(0);
    expect(rotated.out).not.toContain(secret!);
    expect(cli('sip-credentials', '999')).toMatchObject({ status: 1, out: expect.stringContaining('No account 999') });
  }, 200_000);

  it('serve answers HTTPS only (a self-signed certificate when none is configured) and exits 0 on SIGTERM', async () => {
    const port = await getFreePort();
    // node + tsx loader directly, so the signal reaches the server process itself
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli.ts', 'serve', '--port', String(port), '--data-dir', dataDir],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('UC server listening') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(output).toContain(`https://127.0.0.1:${port}/api/v1`);
      // no --tls-cert: it made one in DATA_DIR/tls and prints its fingerprint (what clients show, SPEC A1)
      const certPath = join(dataDir, 'tls', 'cert.pem');
      expect(output).toContain(`SHA-256 ${certificateFingerprint(certPath)}`);
      const trusting = new Agent({ connect: { ca: readFileSync(certPath) } });
      const res = await undiciFetch(`https://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: '100', password: 'Welcome100!' }),
        dispatcher: trusting,
      });
      expect(res.status).toBe(200);
      await trusting.close();
      // no cleartext API: plain HTTP on the same port gets no HTTP answer
      await expect(fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).rejects.toThrow();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('SIGTERM: stopping the UC server');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
