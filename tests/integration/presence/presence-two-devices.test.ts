/**
 * Own presence across devices (SPEC B1, B6) with the real UC server: two
 * AppCores logged in as the same user (real UC client, live events; fake
 * SIP engine) and one of another user. A change on one device reaches the
 * other live; the return time brings both back to office; offline, a change
 * is refused with a clear error and nothing changes; logout clears it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src-preload/contract/ipc-contract';
import type { PresenceView } from '../../../src-preload/contract/presence';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { createFakeSipCore } from '../../support/create-fake-sip-core';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { until } from '../../support/sync-helpers';

interface Device {
  core: AppCore;
  /** every presence.onDidChange payload, in order */
  seen: Array<PresenceView | null>;
}

describe('own presence on two devices of the same user', () => {
  let stack: UcStack;
  const devices: Device[] = [];

  const open = async (user: string, password: string): Promise<Device> => {
    const core = createFakeSipCore(':memory:', { headsetAdapters: [] });
    const device: Device = { core, seen: [] };
    core.onEvent(({ channel, payload }) => {
      if (channel === 'presence.onDidChange') device.seen.push(payload as PresenceView | null);
    });
    devices.push(device);
    const r = await dispatchInvoke(core, 'session.login', { server: stack.serverAddress, user, password });
    expect(r.ok && (r.value as SessionState).status).toBe('registered');
    return device;
  };
  const invoke = async <T>(device: Device, channel: string, payload: unknown = {}): Promise<T> => {
    const r = await dispatchInvoke(device.core, channel, payload);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  const presenceOf = (device: Device) => invoke<PresenceView | null>(device, 'presence.get');

  let laptop: Device;
  let desktop: Device;
  let colleague: Device;

  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false });
    laptop = await open('100', 'Welcome100!');
    desktop = await open('100', 'Welcome100!');
    colleague = await open('101', 'Welcome101!');
    for (const d of [laptop, desktop, colleague]) {
      await until('presence fetched at login', async () => (await presenceOf(d)) !== null, 10_000);
    }
  }, 60_000);

  afterAll(async () => {
    for (const d of devices) await d.core.dispose();
    await stack?.stop();
  });

  it('both devices start at office', async () => {
    expect(await presenceOf(laptop)).toMatchObject({ state: 'office', visibility: 'all' });
    expect(await presenceOf(desktop)).toMatchObject({ state: 'office', visibility: 'all' });
  });

  it('a change on one device reaches the other one live, not another user', async () => {
    const colleagueSeen = colleague.seen.length;
    const returnAt = Date.now() + 3_600_000;
    const set = await invoke<PresenceView>(laptop, 'presence.set', {
      state: 'meeting',
      returnAt,
      note: 'Budget review',
      visibility: 'internal',
    });
    expect(set).toMatchObject({ state: 'meeting', returnAt, note: 'Budget review', visibility: 'internal' });
    await until('the desktop shows it', () => desktop.seen.at(-1)?.state === 'meeting', 5000);
    expect(desktop.seen.at(-1)).toEqual(set);
    expect(await presenceOf(desktop)).toEqual(set);
    expect(colleague.seen.length).toBe(colleagueSeen);
  });

  it('bad input is refused with a clear error and nothing changes', async () => {
    const before = await presenceOf(laptop);
    await expect(
      invoke(laptop, 'presence.set', { state: 'office', returnAt: Date.now() + 60_000 }),
    ).rejects.toMatchObject({ code: 'invalid-payload' });
    await expect(
      invoke(laptop, 'presence.set', { state: 'lunch', returnAt: Date.now() - 60_000 }),
    ).rejects.toMatchObject({ code: 'invalid-payload' });
    await expect(invoke(laptop, 'presence.set', { state: 'lunch', note: 'x'.repeat(201) })).rejects.toMatchObject({
      code: 'invalid-payload',
    });
    expect(await presenceOf(laptop)).toEqual(before);
  });

  it('B6: when the return time passes both devices go back to office by themselves', async () => {
    const returnAt = Date.now() + 1500;
    await invoke(desktop, 'presence.set', { state: 'break', returnAt });
    await until('laptop sees the break', () => laptop.seen.at(-1)?.state === 'break', 5000);
    await until('laptop back at office', () => laptop.seen.at(-1)?.state === 'office', 8000);
    await until('desktop back at office', () => desktop.seen.at(-1)?.state === 'office', 8000);
    expect(laptop.seen.at(-1)).toMatchObject({ state: 'office', visibility: 'internal' });
    expect(laptop.seen.at(-1)?.returnAt).toBeUndefined();
  }, 20_000);

  it('offline: a change is refused with server-unreachable and nothing changes; back online it works', async () => {
    const before = await presenceOf(laptop);
    await stack.stopServer();
    try {
      await expect(invoke(laptop, 'presence.set', { state: 'dnd' })).rejects.toMatchObject({
        code: 'server-unreachable',
      });
      expect(await presenceOf(laptop)).toEqual(before);
    } finally {
      await stack.startServer();
    }
    await until(
      'laptop online again',
      async () => (await invoke<SessionState>(laptop, 'session.getState')).ucConnection === 'online',
      15_000,
    );
    await invoke(laptop, 'presence.set', { state: 'dnd' });
    await until('desktop sees dnd after the restart', () => desktop.seen.at(-1)?.state === 'dnd', 15_000);
  }, 40_000);

  it('logout clears the presence on that device only', async () => {
    await invoke(laptop, 'session.logout');
    expect(await presenceOf(laptop)).toBeNull();
    expect(laptop.seen.at(-1)).toBeNull();
    expect((await presenceOf(desktop))?.state).toBe('dnd');
  });
});
