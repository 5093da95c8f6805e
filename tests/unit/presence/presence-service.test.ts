import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src-preload/contract/ipc-contract';
import type { Presence, PresenceSetRequest } from '../../../src-preload/contract/presence/presence-http';
import type { PresenceView } from '../../../src-preload/contract/presence';
import { UcError } from '../../../src-main/core/platform/ipc/uc-error';
import { PresenceService, type PresenceTransport } from '../../../src-main/core/features/presence/presence-service';
import { UcClientError } from '../../../src-main/core/platform/uc/uc-client-error';
import { TypedEmitter } from '../../../src-main/core/platform/typed-emitter';
import { ManualClock } from '../../support/manual-clock';

/** A UC server in memory: applies PUTs, counts GETs, can fail like an unreachable server. */
class FakePresenceServer implements PresenceTransport {
  presence: Presence = { state: 'office', visibility: 'all', updatedAt: 0 };
  gets = 0;
  puts: PresenceSetRequest[] = [];
  unreachable = false;
  /** when set, GET waits for this promise before answering (to cross replies) */
  holdGet: Promise<void> | undefined;

  constructor(private readonly clock: ManualClock) {}

  async getPresence(): Promise<Presence> {
    this.gets++;
    const snapshot = { ...this.presence };
    if (this.holdGet) await this.holdGet;
    if (this.unreachable) throw new UcClientError('unreachable', 'the UC server cannot be reached (GET /me/presence)');
    return snapshot;
  }

  async setPresence(request: PresenceSetRequest): Promise<Presence> {
    if (this.unreachable) throw new UcClientError('unreachable', 'the UC server cannot be reached (PUT /me/presence)');
    this.puts.push(request);
    this.presence = {
      state: request.state,
      ...(request.returnAt !== undefined ? { returnAt: request.returnAt } : {}),
      ...(request.note ? { note: request.note } : {}),
      visibility: request.visibility ?? this.presence.visibility,
      updatedAt: this.clock.now(),
    };
    return { ...this.presence };
  }
}

function setup() {
  const clock = new ManualClock();
  const server = new FakePresenceServer(clock);
  const received = new TypedEmitter<LiveEvent>();
  const socketState = new TypedEmitter<string>();
  let online = true;
  const service = new PresenceService({ clock });
  const changes: Array<PresenceView | null> = [];
  service.onDidChange((view) => changes.push(view));
  const detach = service.attach({
    transport: server,
    live: { onDidReceive: received.event, onDidChangeState: socketState.event },
    isOnline: () => online,
  });
  return {
    clock,
    server,
    service,
    changes,
    detach,
    received,
    socketState,
    setOnline: (value: boolean) => (online = value),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PresenceService (engine side of SPEC B1/B3/B6)', () => {
  it('fetches at attach and publishes the presence once', async () => {
    const { service, server, changes } = setup();
    await settle();
    expect(server.gets).toBe(1);
    expect(service.current).toEqual({ state: 'office', visibility: 'all', updatedAt: 0 });
    expect(changes).toHaveLength(1);
  });

  it('set() sends the request and publishes the server reply', async () => {
    const { service, server, clock, changes } = setup();
    await settle();
    clock.advance(1000);
    const returnAt = clock.now() + 3_600_000;
    const view = await service.set({ state: 'meeting', returnAt, note: 'Budget review', visibility: 'internal' });
    expect(server.puts).toEqual([{ state: 'meeting', returnAt, note: 'Budget review', visibility: 'internal' }]);
    expect(view).toEqual({
      state: 'meeting',
      returnAt,
      note: 'Budget review',
      visibility: 'internal',
      updatedAt: clock.now(),
    });
    expect(changes.at(-1)).toEqual(view);
  });

  it('refreshes on presence-changed (another device) and on socket reopen, not on other events', async () => {
    const { service, server, received, socketState, clock } = setup();
    await settle();
    clock.advance(5);
    server.presence = { state: 'lunch', visibility: 'all', updatedAt: clock.now() };
    received.fire({ type: 'changed', revision: 3 });
    received.fire({ type: 'ping' });
    await settle();
    expect(server.gets).toBe(1);
    received.fire({ type: 'presence-changed' });
    await settle();
    expect(server.gets).toBe(2);
    expect(service.current?.state).toBe('lunch');
    clock.advance(5);
    server.presence = { state: 'dnd', visibility: 'all', updatedAt: clock.now() };
    socketState.fire('waiting');
    socketState.fire('open');
    await settle();
    expect(server.gets).toBe(3);
    expect(service.current?.state).toBe('dnd');
  });

  it('drops an older reply that crosses a newer one', async () => {
    const { service, server, received, clock } = setup();
    await settle();
    let release!: () => void;
    server.holdGet = new Promise<void>((resolve) => (release = resolve));
    clock.advance(10);
    received.fire({ type: 'presence-changed' }); // GET starts, sees office (updatedAt 0)
    await settle();
    server.holdGet = undefined;
    await service.set({ state: 'break' }); // newer
    release();
    await settle();
    expect(service.current?.state).toBe('break');
  });

  it('offline: set() fails with server-unreachable at once and changes nothing', async () => {
    const { service, server, setOnline, changes } = setup();
    await settle();
    setOnline(false);
    await expect(service.set({ state: 'meeting' })).rejects.toMatchObject({ code: 'server-unreachable' });
    expect(server.puts).toHaveLength(0);
    // the connection says online but the request does not get through
    setOnline(true);
    server.unreachable = true;
    const error = await service.set({ state: 'meeting' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UcError);
    expect((error as UcError).code).toBe('server-unreachable');
    expect(service.current?.state).toBe('office');
    expect(changes).toHaveLength(1);
  });

  it('refuses a return time with office or in the past before asking the server', async () => {
    const { service, server, clock } = setup();
    await settle();
    await expect(service.set({ state: 'office', returnAt: clock.now() + 1000 })).rejects.toMatchObject({
      code: 'invalid-payload',
    });
    await expect(service.set({ state: 'meeting', returnAt: clock.now() - 1 })).rejects.toMatchObject({
      code: 'invalid-payload',
    });
    expect(server.puts).toHaveLength(0);
  });

  it('maps a server validation error to invalid-payload', async () => {
    const { service, server } = setup();
    await settle();
    server.setPresence = async () => {
      throw new UcClientError('api', 'PUT /me/presence: note too long', { status: 400, code: 'invalid-request' });
    };
    await expect(service.set({ state: 'meeting' })).rejects.toMatchObject({ code: 'invalid-payload' });
  });

  it('B6: at the return time it asks the server again, and shows office even when the server is away', async () => {
    const { service, server, clock } = setup();
    await settle();
    const returnAt = clock.now() + 60_000;
    await service.set({ state: 'vacation', returnAt, note: 'Back Monday' });
    server.unreachable = true;
    const gets = server.gets;
    clock.advance(59_000);
    await settle();
    expect(service.current?.state).toBe('vacation');
    clock.advance(2_500);
    await settle();
    await settle();
    expect(server.gets).toBe(gets + 1);
    expect(service.current).toEqual({ state: 'office', visibility: 'all', updatedAt: returnAt });
  });

  it('B6: when the server already reset, its reply is taken as is', async () => {
    const { service, server, clock } = setup();
    await settle();
    const returnAt = clock.now() + 10_000;
    await service.set({ state: 'meeting', returnAt });
    server.presence = { state: 'office', visibility: 'all', updatedAt: returnAt };
    clock.advance(11_000);
    await settle();
    await settle();
    expect(service.current).toEqual({ state: 'office', visibility: 'all', updatedAt: returnAt });
  });

  it('detach (logout) publishes null and set() then needs a login', async () => {
    const { service, detach, changes } = setup();
    await settle();
    detach();
    expect(service.current).toBeNull();
    expect(changes.at(-1)).toBeNull();
    await expect(service.set({ state: 'meeting' })).rejects.toMatchObject({ code: 'not-logged-in' });
    expect(await service.refresh()).toBeNull();
  });
});
