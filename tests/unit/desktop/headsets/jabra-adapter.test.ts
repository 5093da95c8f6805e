import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  HeadsetCallState,
  HeadsetDevice,
  HeadsetRequest,
} from '../../../../src-main/core/features/desktop/headsets/headset-adapter';
import { JabraAdapter } from '../../../../src-main/core/features/desktop/headsets/jabra/jabra-adapter';
import {
  JABRA_SIGNAL,
  loadJabraModule,
  type JabraApi,
  type JabraCallControl,
  type JabraConfig,
  type JabraDevice,
  type JabraModule,
  type JabraObservable,
  type JabraSignal,
} from '../../../../src-main/core/features/desktop/headsets/jabra/jabra-module';
import { settle } from './headset-fakes';
import { ManualClock } from '../../../support/manual-clock';

/** rxjs-like subject, enough for the adapter. */
class Subject<T> implements JabraObservable<T> {
  private readonly listeners = new Set<(value: T) => void>();
  subscribe(next: (value: T) => void): { unsubscribe(): void } {
    this.listeners.add(next);
    return { unsubscribe: () => this.listeners.delete(next) };
  }
  next(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  get observers(): number {
    return this.listeners.size;
  }
}

class FakeCallControl implements JabraCallControl {
  readonly onDisconnect = new Subject<void>();
  readonly deviceSignals = new Subject<JabraSignal>();
  readonly log: string[] = [];
  locked = false;
  /** another softphone holds the lock */
  busy = false;
  constructor(readonly device: JabraDevice) {}
  async takeCallLock(): Promise<boolean> {
    if (this.locked) throw new Error('already call locked');
    if (this.busy) return false;
    this.locked = true;
    this.log.push('takeCallLock');
    return true;
  }
  releaseCallLock(): void {
    if (!this.locked) throw new Error('no call lock');
    this.locked = false;
    this.log.push('releaseCallLock');
  }
  private need(what: string): void {
    if (!this.locked) throw new Error(`${what} without call lock`);
    this.log.push(what);
  }
  offHook(v: boolean): void {
    this.need(`offHook(${v})`);
  }
  ring(v: boolean): void {
    this.need(`ring(${v})`);
  }
  mute(v: boolean): void {
    this.need(`mute(${v})`);
  }
  hold(v: boolean): void {
    this.need(`hold(${v})`);
  }
  signal(type: number, value: boolean, valueType = 'absolute'): void {
    this.deviceSignals.next({ type, value, valueType });
  }
}

class FakeJabra {
  readonly deviceAdded = new Subject<JabraDevice>();
  readonly deviceRemoved = new Subject<JabraDevice>();
  readonly current: JabraDevice[] = [];
  readonly controls = new Map<string, FakeCallControl>();
  readonly configs: JabraConfig[] = [];
  initError: Error | undefined;
  initHangs = false;

  readonly module: JabraModule = {
    init: async (config) => {
      this.configs.push(config);
      if (this.initHangs) return new Promise<JabraApi>(() => undefined);
      if (this.initError) throw this.initError;
      return this.api;
    },
    CallControlFactory: (() => {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const jabra = this;
      return class {
        constructor(readonly api: JabraApi) {}
        supportsCallControl(device: JabraDevice): boolean {
          return device.name !== 'Jabra Link 380 (no call control)';
        }
        async createCallControl(device: JabraDevice): Promise<JabraCallControl> {
          const c = new FakeCallControl(device);
          jabra.controls.set(String(device.id), c);
          return c;
        }
      };
    })(),
  };

  readonly api: JabraApi = {
    deviceAdded: this.deviceAdded,
    deviceRemoved: this.deviceRemoved,
    getCurrentDevices: () => [...this.current],
  };

  control(id: string): FakeCallControl {
    const c = this.controls.get(id);
    if (!c) throw new Error(`no call control for ${id}`);
    return c;
  }
}

const evolve: JabraDevice = {
  id: { toString: () => '2830:3648:SN1' },
  name: 'Jabra Evolve2 40',
  vendorId: 0x0b0e,
  productId: 0x0e40,
};
const engage: JabraDevice = { id: '2830:9001:SN2', name: 'Jabra Engage 65', vendorId: 0x0b0e, productId: 0x2329 };

const ringing: HeadsetCallState = { phase: 'ringing', muted: false, callId: 'c1', peer: '102' };
const active: HeadsetCallState = { phase: 'active', muted: false, callId: 'c1', peer: '102' };

describe('JabraAdapter', () => {
  let adapter: JabraAdapter | undefined;
  afterEach(async () => {
    await adapter?.stop();
  });

  const setup = async (jabra = new FakeJabra(), options: { partnerKey?: string } = {}) => {
    const clock = new ManualClock();
    adapter = new JabraAdapter({ loadModule: async () => jabra.module, clock, ...options });
    const requests: HeadsetRequest[] = [];
    const lists: HeadsetDevice[][] = [];
    adapter.onDidRequest((r) => requests.push(r));
    adapter.onDidChangeDevices((d) => lists.push(d));
    await adapter.start();
    await settle();
    return { jabra, adapter, requests, lists, clock };
  };

  it('initialises with app id/name and the partner key, and lists devices present and added', async () => {
    const jabra = new FakeJabra();
    jabra.current.push(evolve);
    const { adapter: a, lists } = await setup(jabra, { partnerKey: 'pk-123' });
    expect(jabra.configs[0]).toMatchObject({ appId: 'switchboard', appName: 'Switchboard', partnerKey: 'pk-123' });
    expect(a.status).toEqual({ state: 'running' });
    expect(a.devices).toEqual([{ vendor: 'jabra', id: '2830:3648:SN1', name: 'Jabra Evolve2 40' }]);
    jabra.deviceAdded.next(engage);
    jabra.deviceAdded.next({ ...engage, id: 'x', name: 'Jabra Link 380 (no call control)' });
    await settle();
    expect(lists.at(-1)?.map((d) => d.name)).toEqual(['Jabra Evolve2 40', 'Jabra Engage 65']);
    jabra.deviceRemoved.next(evolve);
    expect(lists.at(-1)?.map((d) => d.name)).toEqual(['Jabra Engage 65']);
  });

  it('answer: takes the call lock and rings; HOOK_SWITCH on → answer; active → ring off, off-hook', async () => {
    const jabra = new FakeJabra();
    jabra.current.push(evolve);
    const { adapter: a, requests } = await setup(jabra);
    const c = jabra.control('2830:3648:SN1');
    await a.setCallState(ringing);
    expect(c.log).toEqual(['takeCallLock', 'ring(true)']);
    c.signal(JABRA_SIGNAL.HOOK_SWITCH, true);
    expect(requests).toEqual([{ type: 'answer' }]);
    await a.setCallState(active);
    expect(c.log.slice(2)).toEqual(['ring(false)', 'offHook(true)']);
    // the device acknowledges offHook(true) with HOOK_SWITCH on: not a new request
    c.signal(JABRA_SIGNAL.HOOK_SWITCH, true);
    expect(requests).toHaveLength(1);
  });

  it('reject: REJECT_CALL while ringing → reject; idle → ring off and lock released', async () => {
    const jabra = new FakeJabra();
    jabra.current.push(evolve);
    const { adapter: a, requests } = await setup(jabra);
    const c = jabra.control('2830:3648:SN1');
    await a.setCallState(ringing);
    c.signal(JABRA_SIGNAL.REJECT_CALL, true);
    expect(requests).toEqual([{ type: 'reject' }]);
    await a.setCallState({ phase: 'idle', muted: false });
    expect(c.log).toEqual(['takeCallLock', 'ring(true)', 'ring(false)', 'releaseCallLock']);
    expect(c.locked).toBe(false);
  });

  it('mute/unmute: relative PHONE_MUTE toggles, absolute reports the state; mute() follows the call', async () => {
    const jabra = new FakeJabra();
    jabra.current.push(evolve);
    const { adapter: a, requests } = await setup(jabra);
    const c = jabra.control('2830:3648:SN1');
    await a.setCallState(active);
    c.signal(JABRA_SIGNAL.PHONE_MUTE, true, 'relative');
    expect(requests).toEqual([{ type: 'toggle-mute' }]);
    await a.setCallState({ ...active, muted: true });
    expect(c.log.at(-1)).toBe('mute(true)');
    c.signal(JABRA_SIGNAL.PHONE_MUTE, true, 'absolute'); // echo of our mute(true)
    c.signal(JABRA_SIGNAL.PHONE_MUTE, false, 'absolute');
    expect(requests).toEqual([{ type: 'toggle-mute' }, { type: 'mute', muted: false }]);
    await a.setCallState(active);
    expect(c.log.at(-1)).toBe('mute(false)');
  });

  it('hang up: HOOK_SWITCH off in a call → hangup; FLASH → flash; held → hold(true)', async () => {
    const jabra = new FakeJabra();
    jabra.current.push(evolve);
    const { adapter: a, requests } = await setup(jabra);
    const c = jabra.control('2830:3648:SN1');
    await a.setCallState(active);
    c.signal(JABRA_SIGNAL.FLASH, true);
    await a.setCallState({ ...active, phase: 'held' });
    expect(c.log.at(-1)).toBe('hold(true)');
    c.signal(JABRA_SIGNAL.HOOK_SWITCH, false);
    expect(requests).toEqual([{ type: 'flash' }, { type: 'hangup' }]);
    await a.setCallState({ phase: 'idle', muted: false });
    expect(c.log.slice(-3)).toEqual(['hold(false)', 'offHook(false)', 'releaseCallLock']);
  });

  it('ignores a device another softphone has locked, and signals outside our lock', async () => {
    const jabra = new FakeJabra();
    jabra.current.push(evolve);
    const { adapter: a, requests } = await setup(jabra);
    const c = jabra.control('2830:3648:SN1');
    c.signal(JABRA_SIGNAL.HOOK_SWITCH, true); // idle, no lock
    c.busy = true;
    await a.setCallState(ringing);
    c.signal(JABRA_SIGNAL.HOOK_SWITCH, true);
    expect(requests).toEqual([]);
    expect(c.log).toEqual([]);
  });

  it('one takeCallLock when states arrive faster than the lock', async () => {
    const jabra = new FakeJabra();
    jabra.current.push(evolve);
    const { adapter: a } = await setup(jabra);
    const c = jabra.control('2830:3648:SN1');
    await Promise.all([a.setCallState(ringing), a.setCallState(active)]);
    expect(c.log).toEqual(['takeCallLock', 'offHook(true)']);
  });

  it('a device plugged during a call gets the call; unplugging releases its subscriptions', async () => {
    const jabra = new FakeJabra();
    const { adapter: a } = await setup(jabra);
    await a.setCallState(ringing);
    jabra.deviceAdded.next(engage);
    await settle();
    const c = jabra.control('2830:9001:SN2');
    expect(c.log).toEqual(['takeCallLock', 'ring(true)']);
    c.onDisconnect.next();
    expect(a.devices).toEqual([]);
    expect(c.deviceSignals.observers).toBe(0);
  });

  it('is unavailable, not retryable, when the package is absent', async () => {
    adapter = new JabraAdapter({
      loadModule: () => loadJabraModule('@gnaudio/this-package-does-not-exist'),
      clock: new ManualClock(),
    });
    await adapter.start();
    expect(adapter.status).toEqual({
      state: 'unavailable',
      reason: '@gnaudio/this-package-does-not-exist is not installed (optional dependency)',
      retryable: false,
    });
  });

  it('is unavailable, retryable, when the device connector cannot start', async () => {
    const jabra = new FakeJabra();
    jabra.initError = new Error('Device Connector error: 255');
    const { adapter: a } = await setup(jabra);
    expect(a.status).toEqual({
      state: 'unavailable',
      reason: 'Jabra device connector unavailable: Device Connector error: 255',
      retryable: true,
    });
  });

  it('gives up waiting for init after the timeout', async () => {
    const jabra = new FakeJabra();
    jabra.initHangs = true;
    const clock = new ManualClock();
    adapter = new JabraAdapter({ loadModule: async () => jabra.module, clock, initTimeoutMs: 5_000 });
    const started = adapter.start();
    await settle();
    clock.advance(5_000);
    await started;
    expect(adapter.status).toMatchObject({ state: 'unavailable', retryable: true });
  });

  // The package is an optional dependency: a clone where it did not install skips this check.
  const installed = existsSync(join(import.meta.dirname, '../../../../node_modules/@gnaudio/jabra-js/package.json'));
  it.skipIf(!installed)('loads the installed @gnaudio/jabra-js through the seam without starting it', async () => {
    const module = await loadJabraModule();
    expect(typeof module.init).toBe('function');
    expect(typeof module.CallControlFactory).toBe('function');
  });
});
