import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  HeadsetCallState,
  HeadsetDevice,
  HeadsetLogger,
  HeadsetRequest,
} from '../../../../src-main/core/features/desktop/headsets/headset-adapter';
import { HidAdapter } from '../../../../src-main/core/features/desktop/headsets/hid/hid-adapter';
import {
  HidLibraryUnavailableError,
  type HidDeviceInfo,
} from '../../../../src-main/core/features/desktop/headsets/hid/hid-backend';
import {
  GENERIC_HID_LAYOUT,
  buildOutputReports,
  hidDeviceKey,
  layoutFor,
  readBit,
} from '../../../../src-main/core/features/desktop/headsets/hid/hid-report-map';
import { FakeHidBackend, settle } from './headset-fakes';
import { ManualClock } from '../../../support/manual-clock';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/headset');

interface Fixture {
  description: string;
  device: HidDeviceInfo;
  onOpen: number[][];
  timeline: Array<
    { callState: HeadsetCallState; expectOutputs: number[][] } | { input: number[]; expectRequests: HeadsetRequest[] }
  >;
}

const headset = (path: string, extra: Partial<HidDeviceInfo> = {}): HidDeviceInfo => ({
  path,
  vendorId: 0x1234,
  productId: 0x5678,
  product: 'Headset',
  usagePage: 0x0b,
  usage: 0x05,
  ...extra,
});

describe('HID report map', () => {
  it('keys devices as lower-case 4-digit hex', () => {
    expect(hidDeviceKey(0x0b0e, 0x245)).toBe('0b0e:0245');
  });

  it('falls back to the generic layout, prefers overrides over the table', () => {
    expect(layoutFor(0x1234, 0x5678)).toBe(GENERIC_HID_LAYOUT);
    expect(layoutFor(0x1209, 0x0001).phoneMute).toBe('absolute');
    const custom = { ...GENERIC_HID_LAYOUT, name: 'custom' };
    expect(layoutFor(0x1209, 0x0001, { '1209:0001': custom })).toBe(custom);
  });

  it('reads bits only from the field report, and from unnumbered reports', () => {
    expect(readBit(Uint8Array.from([1, 0b10]), { reportId: 1, byte: 0, bit: 1 })).toBe(true);
    expect(readBit(Uint8Array.from([2, 0b10]), { reportId: 1, byte: 0, bit: 1 })).toBeUndefined();
    expect(readBit(Uint8Array.from([1]), { reportId: 1, byte: 0, bit: 1 })).toBeUndefined();
    expect(readBit(Uint8Array.from([0b100]), { reportId: 0, byte: 0, bit: 2 })).toBe(true);
  });

  it('builds one output report per report ID with the bits set', () => {
    const values = { 'off-hook': true, ring: false, mute: true, hold: false, ringer: false };
    expect(buildOutputReports(GENERIC_HID_LAYOUT, values)).toEqual([[2, 0b11]]);
    expect(buildOutputReports(layoutFor(0x1209, 1), { ...values, ringer: true })).toEqual([
      [3, 0b11],
      [4, 1],
    ]);
  });
});

describe('HidAdapter: recorded report sequences', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.startsWith('hid-') && f.endsWith('.json'));

  it('has fixtures to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    it(`replays ${file}`, async () => {
      const fixture = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture;
      const backend = new FakeHidBackend();
      backend.plugged = [fixture.device];
      const clock = new ManualClock();
      const adapter = new HidAdapter({ backend, clock });
      const requests: HeadsetRequest[] = [];
      adapter.onDidRequest((r) => requests.push(r));
      await adapter.start();
      expect(adapter.status).toEqual({ state: 'running' });
      const connection = backend.connection(fixture.device.path);
      expect(connection.writes).toEqual(fixture.onOpen);
      for (const [index, step] of fixture.timeline.entries()) {
        connection.writes.length = 0;
        requests.length = 0;
        if ('callState' in step) {
          await adapter.setCallState(step.callState);
          expect(connection.writes, `step ${index} outputs`).toEqual(step.expectOutputs);
        } else {
          connection.input(step.input);
          expect(requests, `step ${index} requests`).toEqual(step.expectRequests);
        }
      }
      await adapter.stop();
      expect(connection.closed).toBe(true);
    });
  }
});

describe('HidAdapter: devices and life cycle', () => {
  let adapter: HidAdapter | undefined;
  afterEach(async () => {
    await adapter?.stop();
  });

  it('opens only Telephony/Headset collections, one per path', async () => {
    const backend = new FakeHidBackend();
    backend.plugged = [
      headset('/dev/hidraw1'),
      headset('/dev/hidraw1'),
      headset('/dev/hidraw2', { usagePage: 0x0c, usage: 0x01 }),
      headset('/dev/hidraw3', { usagePage: 0x0b, usage: 0x01 }),
    ];
    adapter = new HidAdapter({ backend, clock: new ManualClock() });
    await adapter.start();
    expect(adapter.devices.map((d) => d.id)).toEqual(['/dev/hidraw1']);
    expect([...backend.connections.keys()]).toEqual(['/dev/hidraw1']);
  });

  it('follows plug and unplug by polling every 2 s, and stops polling on stop()', async () => {
    const backend = new FakeHidBackend();
    const clock = new ManualClock();
    adapter = new HidAdapter({ backend, clock });
    const lists: HeadsetDevice[][] = [];
    adapter.onDidChangeDevices((d) => lists.push(d));
    await adapter.start();
    expect(adapter.devices).toEqual([]);
    await adapter.setCallState({ phase: 'ringing', muted: false, callId: 'c1' });

    backend.plugged = [headset('/dev/hidraw4', { manufacturer: 'Acme', product: 'H1' })];
    clock.advance(1_999);
    await settle();
    expect(adapter.devices).toEqual([]);
    clock.advance(1);
    await settle();
    expect(lists.at(-1)).toEqual([{ vendor: 'hid', id: '/dev/hidraw4', name: 'Acme H1' }]);
    // a headset plugged during a call shows the call at once
    expect(backend.connection('/dev/hidraw4').writes).toEqual([[2, 20]]);

    backend.plugged = [];
    clock.advance(2_000);
    await settle();
    expect(lists.at(-1)).toEqual([]);
    expect(backend.connection('/dev/hidraw4').closed).toBe(true);

    await adapter.stop();
    const before = backend.enumerations;
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    await settle();
    expect(backend.enumerations).toBe(before);
  });

  it('drops a device whose read fails (unplugged between polls) and reopens it if still listed', async () => {
    const backend = new FakeHidBackend();
    const clock = new ManualClock();
    backend.plugged = [headset('/dev/hidraw5')];
    adapter = new HidAdapter({ backend, clock });
    await adapter.start();
    const first = backend.connection('/dev/hidraw5');
    first.fail(new Error('could not read from HID device'));
    expect(adapter.devices).toEqual([]);
    await settle();
    expect(first.closed).toBe(true);
    clock.advance(2_000);
    await settle();
    expect(adapter.devices.map((d) => d.id)).toEqual(['/dev/hidraw5']);
    expect(backend.connections.get('/dev/hidraw5')).toHaveLength(2);
  });

  it('leaves devices of running vendor adapters alone', async () => {
    const backend = new FakeHidBackend();
    const clock = new ManualClock();
    backend.plugged = [headset('/dev/jabra', { vendorId: 0x0b0e }), headset('/dev/other')];
    let skip: number[] = [0x0b0e];
    adapter = new HidAdapter({ backend, clock, skipVendorIds: () => skip });
    await adapter.start();
    expect(adapter.devices.map((d) => d.id)).toEqual(['/dev/other']);
    skip = [];
    clock.advance(2_000);
    await settle();
    expect(adapter.devices.map((d) => d.id).sort()).toEqual(['/dev/jabra', '/dev/other']);
    skip = [0x0b0e];
    clock.advance(2_000);
    await settle();
    expect(adapter.devices.map((d) => d.id)).toEqual(['/dev/other']);
    expect(backend.connection('/dev/jabra').closed).toBe(true);
  });

  it('logs an open failure once (e.g. no udev rule) and keeps running', async () => {
    const backend = new FakeHidBackend();
    const clock = new ManualClock();
    backend.plugged = [headset('/dev/hidraw6')];
    backend.openError = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const logs: string[] = [];
    const logger: HeadsetLogger = (level, message) => logs.push(`${level} ${message}`);
    adapter = new HidAdapter({ backend, clock, logger });
    await adapter.start();
    clock.advance(2_000);
    await settle();
    clock.advance(2_000);
    await settle();
    expect(adapter.status.state).toBe('running');
    expect(logs.filter((l) => l.includes('cannot open /dev/hidraw6'))).toHaveLength(1);
    backend.openError = undefined;
    clock.advance(2_000);
    await settle();
    expect(adapter.devices).toHaveLength(1);
  });

  it('is unavailable (not retryable) when node-hid cannot load its library', async () => {
    const backend = new FakeHidBackend();
    backend.enumerateError = new HidLibraryUnavailableError('node-hid cannot load: libusb-1.0.so.0 missing');
    adapter = new HidAdapter({ backend, clock: new ManualClock() });
    await adapter.start();
    expect(adapter.status).toEqual({
      state: 'unavailable',
      reason: 'node-hid cannot load: libusb-1.0.so.0 missing',
      retryable: false,
    });
  });

  it('fails (for the bridge to restart it) when enumeration breaks while running', async () => {
    const backend = new FakeHidBackend();
    const clock = new ManualClock();
    adapter = new HidAdapter({ backend, clock });
    await adapter.start();
    backend.enumerateError = new Error('hid_enumerate failed');
    clock.advance(2_000);
    await settle();
    expect(adapter.status).toEqual({ state: 'failed', reason: 'HID enumeration failed: hid_enumerate failed' });
  });

  it('the real node-hid backend either enumerates or reports the missing native library', async () => {
    // Here libusb-1.0 is not installed (see README); on a machine with it, enumerate() returns a list.
    adapter = new HidAdapter({ clock: new ManualClock() });
    await adapter.start();
    const status = adapter.status;
    if (status.state === 'unavailable') {
      expect(status.retryable).toBe(false);
      expect(status.reason).toMatch(/node-hid/);
    } else {
      expect(status.state).toBe('running');
    }
  });
});
