/**
 * The engine's ForwardingService (SPEC J3, B2) with a UC server in memory and
 * a manual clock: fetch at attach and on `forwarding-changed`, set and the
 * header's quick off, errors mapped for the renderer (offline, refused), and
 * "immediate active" following a weekly window as time passes.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultForwardingRules,
  type ForwardingDocument,
  type ForwardingRules,
  type ForwardingView,
} from '../../../src-preload/contract/forwarding';
import type { LiveEvent } from '../../../src-preload/contract/ipc-contract';
import {
  ForwardingService,
  type ForwardingTransport,
} from '../../../src-main/core/features/forwarding/forwarding-service';
import { UcError } from '../../../src-main/core/platform/ipc/uc-error';
import { UcClientError } from '../../../src-main/core/platform/uc/uc-client-error';
import { TypedEmitter } from '../../../src-main/core/platform/typed-emitter';
import { ManualClock } from '../../support/manual-clock';

class FakeForwardingServer implements ForwardingTransport {
  document: ForwardingDocument = { rules: null, updatedAt: 0 };
  gets = 0;
  unreachable = false;
  refuse: string | undefined;

  constructor(private readonly clock: ManualClock) {}

  async getRules(): Promise<ForwardingDocument> {
    this.gets++;
    if (this.unreachable) throw new UcClientError('unreachable', 'the UC server cannot be reached');
    return this.document;
  }

  async setRules(rules: ForwardingRules): Promise<ForwardingDocument> {
    if (this.unreachable) throw new UcClientError('unreachable', 'the UC server cannot be reached');
    if (this.refuse !== undefined)
      throw new UcClientError('api', this.refuse, { status: 400, code: 'invalid-request' });
    this.document = { rules, updatedAt: this.clock.now() };
    return this.document;
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** 2026-12-07 09:00 UTC is a Monday. */
const MONDAY_9 = Date.parse('2026-12-07T09:00:00Z');

function setup() {
  const clock = new ManualClock(MONDAY_9);
  const server = new FakeForwardingServer(clock);
  const received = new TypedEmitter<LiveEvent>();
  const socket = new TypedEmitter<string>();
  let online = true;
  const service = new ForwardingService({ clock });
  const changes: Array<ForwardingView | null> = [];
  service.onDidChange((view) => changes.push(view));
  const detach = service.attach({
    transport: server,
    live: { onDidReceive: received.event, onDidChangeState: socket.event },
    isOnline: () => online,
  });
  return {
    clock,
    server,
    service,
    changes,
    received,
    detach,
    goOffline: () => {
      online = false;
      server.unreachable = true;
    },
  };
}

const immediateTo101 = (window: ForwardingRules['immediate']['window'] = null): ForwardingRules => ({
  ...defaultForwardingRules('UTC'),
  immediate: { enabled: true, target: { kind: 'number', number: '101' }, window },
});

describe('ForwardingService', () => {
  it('fetches at attach and again on forwarding-changed; null after logout', async () => {
    const t = setup();
    await flush();
    expect(t.service.current).toEqual({ rules: null, immediateActive: false, updatedAt: 0 });
    t.server.document = { rules: immediateTo101(), updatedAt: 5 };
    t.received.fire({ type: 'forwarding-changed' });
    await flush();
    expect(t.service.current?.immediateActive).toBe(true);
    expect(t.changes.at(-1)?.rules?.immediate.target).toEqual({ kind: 'number', number: '101' });
    t.detach();
    expect(t.service.current).toBeNull();
    expect(t.changes.at(-1)).toBeNull();
  });

  it('sets the rules and turns the immediate rule off keeping its target', async () => {
    const t = setup();
    await flush();
    expect((await t.service.set(immediateTo101())).immediateActive).toBe(true);
    const off = await t.service.immediateOff();
    expect(off.immediateActive).toBe(false);
    expect(t.server.document.rules?.immediate).toEqual({
      enabled: false,
      target: { kind: 'number', number: '101' },
      window: null,
    });
  });

  it('maps a refusal to invalid-payload with the server’s words, and offline to server-unreachable', async () => {
    const t = setup();
    await flush();
    t.server.refuse = 'noAnswer.seconds: too big';
    const refused = await t.service.set(immediateTo101()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UcError);
    expect((refused as UcError).code).toBe('invalid-payload');
    expect((refused as UcError).message).toContain('noAnswer.seconds');
    t.goOffline();
    const offline = await t.service.set(immediateTo101()).catch((e: unknown) => e);
    expect((offline as UcError).code).toBe('server-unreachable');
    // nothing changed locally
    expect(t.service.current?.rules).toBeNull();
  });

  it('says "immediate active" only inside the window, and tells when it opens and closes', async () => {
    const t = setup();
    await flush();
    // 10:00–11:00 UTC on Mondays; it is 09:00
    await t.service.set(immediateTo101({ days: [1], start: '10:00', end: '11:00' }));
    expect(t.service.current?.immediateActive).toBe(false);
    t.clock.advance(60 * 60_000);
    expect(t.service.current?.immediateActive).toBe(true);
    expect(t.changes.at(-1)?.immediateActive).toBe(true);
    t.clock.advance(60 * 60_000);
    expect(t.changes.at(-1)?.immediateActive).toBe(false);
    t.detach();
  });

  it('refuses changes while logged out', async () => {
    const service = new ForwardingService({ clock: new ManualClock() });
    const error = await service.set(defaultForwardingRules('UTC')).catch((e: unknown) => e);
    expect((error as UcError).code).toBe('not-logged-in');
  });
});
