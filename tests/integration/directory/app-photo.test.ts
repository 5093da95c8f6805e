/**
 * directory.getPhoto end to end: AppCore (real UC client, sync and photo
 * cache; fake SIP engine) against the real UC server on SQLite. A photo set
 * on the server reaches the client through the change feed (new photoUrl)
 * and the new image is fetched; a removed photo gives null.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryEntryView, SessionState } from '../../../src-preload/contract/ipc-contract';
import { demoPhotoPng } from '../../../server/src/features/directory/photos/demo-photo';
import { removeAccountPhoto, setAccountPhoto } from '../../../server/src/features/directory/photos/photo-service';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { systemClock } from '../../../src-main/core/platform/clock';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { FakeEngine } from '../../support/fake-phone';
import { FakeMediaHost } from '../../support/fake-media-host';
import { until } from '../../support/sync-helpers';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

describe('directory.getPhoto with the real UC server', () => {
  let stack: UcStack;
  let core: AppCore;
  let dataDir: string;

  const invoke = async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await dispatchInvoke(core, channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const entry = (id: string) =>
    dispatchInvoke(core, 'directory.get', { id }).then((r) => (r.ok ? (r.value as DirectoryEntryView) : undefined));

  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false });
    dataDir = mkdtempSync(join(tmpdir(), 'sb-photo-app-'));
    core = composeAppCore({
      dataDir,
      mediaHost: new FakeMediaHost(),
      requestTimeoutMs: 3000,
      createEngine: (o) => new FakeEngine(o, systemClock, 'registered'),
    });
    const r = await dispatchInvoke(core, 'session.login', {
      server: stack.serverAddress,
      user: '100',
      password: 'Welcome100!',
    });
    expect(r.ok && (r.value as SessionState).status).toBe('registered');
  });
  afterAll(async () => {
    await core?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('returns the demo avatar as a data: URL, then follows a changed and a removed photo', async () => {
    await until('internal:101 synced with a photo', async () => (await entry('internal:101'))?.photoUrl !== undefined);
    const first = await invoke<{ dataUrl: string } | null>('directory.getPhoto', { id: 'internal:101' });
    expect(first?.dataUrl).toBe(`data:image/png;base64,${demoPhotoPng('101').toString('base64')}`);
    expect(await invoke('directory.getPhoto', { id: 'global:nothing' })).toBeNull();

    const oldUrl = (await entry('internal:101'))!.photoUrl;
    await setAccountPhoto(stack.ctx!, '101', JPEG);
    await until('new photoUrl synced', async () => (await entry('internal:101'))?.photoUrl !== oldUrl);
    const second = await invoke<{ dataUrl: string } | null>('directory.getPhoto', { id: 'internal:101' });
    expect(second?.dataUrl).toBe(`data:image/jpeg;base64,${JPEG.toString('base64')}`);

    await removeAccountPhoto(stack.ctx!, '101');
    await until('photo removal synced', async () => (await entry('internal:101'))?.photoUrl === undefined);
    expect(await invoke('directory.getPhoto', { id: 'internal:101' })).toBeNull();

    // offline: the photo fetched before is still shown
    const alice = await invoke<{ dataUrl: string } | null>('directory.getPhoto', { id: 'internal:100' });
    expect(alice?.dataUrl).toMatch(/^data:image\/png;base64,/);
    await stack.stopServer();
    expect(await invoke('directory.getPhoto', { id: 'internal:100' })).toEqual(alice);
    await stack.startServer();
  }, 60_000);
});
