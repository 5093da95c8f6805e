import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponseSchema } from '../../../src-preload/contract/directory';
import { loginResponseSchema } from '../../../src-preload/contract/session';
import { resolveServerConfig } from '../../../server/src/platform/config';
import { openServerDatabase, type OpenDatabase } from '../../../server/src/app/server-database';
import { runImportDirectoryCommand } from '../../../server/src/features/directory/imports/import-directory-command';
import { createServerContext, type ServerContext } from '../../../server/src/platform/server-context';
import { startPostgres, type PostgresFixture } from '../../support/postgres-fixture';
import { openLiveEvents } from '../../support/open-live-events';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

// The administrator import (`npm run server -- import-directory`): global
// directory and system speed dials, all or nothing, on SQLite and PostgreSQL;
// then the real CLI process against a running server's database, whose
// connected clients learn about the import within a second.

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = join(REPO, 'server/examples/directory-example.csv');

describe.each(['sqlite', 'postgres'] as const)('import-directory on %s', (dialect) => {
  let postgres: PostgresFixture | undefined;
  let dir: string;
  let database: OpenDatabase;
  let ctx: ServerContext;

  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runImportDirectoryCommand(args, ctx, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  async function entries(
    source: string,
  ): Promise<{ id: string; display_name: string; numbers: string; company: string | null }[]> {
    return database.db
      .selectFrom('directory_entries')
      .select(['id', 'display_name', 'numbers', 'company'])
      .where('source', '=', source as 'global')
      .orderBy('display_name')
      .execute();
  }

  function file(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-dimp-'));
    if (dialect === 'postgres') postgres = await startPostgres();
    const url = postgres ? await postgres.createDatabase() : `sqlite:${join(dir, 'uc.sqlite')}`;
    database = await openServerDatabase(url);
    const config = resolveServerConfig({ database: url, dataDir: dir }, { tokenSecret: Buffer.alloc(32, 1) });
    ctx = createServerContext({ database, config, clock: { now: () => 1_795_000_000_000 } });
  });
  afterAll(async () => {
    await database?.close();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the example global directory with canonical numbers, visible to everyone', async () => {
    const result = await run(EXAMPLE);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/4 added, 0 updated, 0 deleted, 0 skipped/);
    const rows = await entries('global');
    expect(rows.map((r) => r.display_name)).toEqual([
      'Hans Müller',
      'Jean-Luc Picard',
      'Marie Curie',
      'Support hotline',
    ]);
    expect(JSON.parse(rows[0]!.numbers)).toEqual([
      { kind: 'business', number: '+49 89 700798765' },
      { kind: 'mobile', number: '+49 171 1234567' },
    ]);
    expect(rows[0]!.company).toBe('Müller & Söhne GmbH');
    const changes = await database.db.selectFrom('changes').select(['owner_account_id', 'op']).execute();
    expect(changes).toHaveLength(4);
    expect(changes.every((c) => c.owner_account_id === null && c.op === 'upsert')).toBe(true);
  });

  it('updates entries by name in place, and --replace deletes the missing ones', async () => {
    const before = await entries('global');
    const path = file(
      'update.csv',
      'Name;Société;Téléphone\nmarie CURIE;Sorbonne;+33 1 40 00 00 00\nNew Person;;+41 44 123 45 67\n',
    );
    const merged = await run(path);
    expect(merged.out).toMatch(/1 added, 1 updated, 0 deleted/);
    const after = await entries('global');
    expect(after).toHaveLength(5);
    const marie = after.find((r) => r.display_name === 'marie CURIE');
    expect(marie?.id).toBe(before.find((r) => r.display_name === 'Marie Curie')?.id);
    expect(marie?.company).toBe('Sorbonne');
    const replaced = await run(path, '--replace');
    expect(replaced.out).toMatch(/0 added, 2 updated, 3 deleted/);
    expect((await entries('global')).map((r) => r.display_name).sort()).toEqual(['New Person', 'marie CURIE']);
    const tombstones = await database.db.selectFrom('changes').select('entry_id').where('op', '=', 'delete').execute();
    expect(tombstones).toHaveLength(3);
  });

  it('imports system speed dials (name + number) and reports skipped rows', async () => {
    const path = file('dials.csv', 'name,number\nReception,100\nTaxi,+49 89 21610\nNo number,\n,112\nBad,+49 x\n');
    const result = await run(path, '--directory', 'system');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/2 added, 0 updated, 0 deleted, 3 skipped/);
    expect(result.out).toMatch(/row 4: skipped, no number/);
    expect(result.out).toMatch(/row 5: skipped, no name/);
    expect(result.out).toMatch(/row 6: skipped, .*invalid number/);
    expect((await entries('system')).map((r) => [r.display_name, JSON.parse(r.numbers)])).toEqual([
      ['Reception', [{ kind: 'other', number: '100' }]],
      ['Taxi', [{ kind: 'other', number: '+49 89 21610' }]],
    ]);
  });

  it('reads windows-1252 with --encoding, and refuses malformed files whole', async () => {
    const latin = file('latin.csv', Buffer.from('name,company\nJürgen Müller,Bäckerei\n', 'latin1'));
    const countBefore = (await entries('global')).length;
    const headBefore = await database.db
      .selectFrom('changes')
      .select((eb) => eb.fn.max('revision').as('h'))
      .executeTakeFirst();
    const wrong = await run(latin);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/refused, nothing imported[\s\S]*not valid utf-8/);
    for (const [name, content, message] of [
      ['broken.csv', 'name,company\nGood,One\n"Broken,Two\n', /cannot be read/],
      ['noname.csv', 'company_id,phone\n1,123\n', /Missing a name column/],
      ['broken.xml', '<contacts><contact><name>A</name></contact><contact></contacts>', /malformed/],
    ] as const) {
      const result = await run(file(name, content));
      expect(result.code, name).toBe(1);
      expect(result.err).toMatch(message);
    }
    expect((await entries('global')).length).toBe(countBefore);
    const headAfter = await database.db
      .selectFrom('changes')
      .select((eb) => eb.fn.max('revision').as('h'))
      .executeTakeFirst();
    expect(headAfter).toEqual(headBefore);
    const ok = await run(latin, '--encoding', 'windows-1252');
    expect(ok.code).toBe(0);
    expect((await entries('global')).map((r) => r.display_name)).toContain('Jürgen Müller');
    expect((await run(latin, '--encoding', 'nope')).code).toBe(2);
    expect((await run(latin, '--directory', 'personal')).code).toBe(2);
    expect((await run()).code).toBe(2);
    expect((await run(join(dir, 'missing.csv'))).code).toBe(1);
  });
});

describe('import-directory CLI process next to a running server', () => {
  let stack: UcStack;
  let dataDir: string;

  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false });
    dataDir = mkdtempSync(join(tmpdir(), 'sb-dcli-'));
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("imports through `npm run server -- import-directory` and connected clients get 'changed' within 1 s", async () => {
    const login = await fetch(`${stack.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: '101', password: 'Welcome101!' }),
    });
    const token = loginResponseSchema.parse(await login.json()).accessToken;
    const { socket, events } = await openLiveEvents(stack.apiUrl, token);
    try {
      const cli = spawn(
        join(REPO, 'node_modules/.bin/tsx'),
        [
          'server/src/cli.ts',
          'import-directory',
          EXAMPLE,
          '--directory',
          'global',
          '--database',
          stack.databaseUrl,
          '--data-dir',
          dataDir,
        ],
        { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      cli.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      cli.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
      const doneAt = Date.now();
      expect(code, out).toBe(0);
      expect(out).toMatch(/4 added/);
      const feed = changesResponseSchema.parse(
        await (
          await fetch(`${stack.apiUrl}/changes?since=0&limit=5000`, { headers: { authorization: `Bearer ${token}` } })
        ).json(),
      );
      const globals = feed.changes.filter((c) => c.entry?.source === 'global');
      expect(globals).toHaveLength(4);
      const last = Math.max(...globals.map((c) => c.revision));
      for (let i = 0; i < 200 && !events.some((e) => e.type === 'changed' && e.revision >= last); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(
        events.some((e) => e.type === 'changed' && e.revision >= last),
        JSON.stringify(events),
      ).toBe(true);
      expect(Date.now() - doneAt).toBeLessThan(1000);
    } finally {
      socket.close();
    }
  });
});
