import { describe, expect, it } from 'vitest';
import {
  JABRA_USB_VENDOR_ID,
  createHeadsetAdapters,
} from '../../../../src-main/core/features/desktop/headsets/create-headset-adapters';
import type { JabraModule } from '../../../../src-main/core/features/desktop/headsets/jabra/jabra-module';
import { FakeHidBackend, settle } from './headset-fakes';
import { ManualClock } from '../../../support/manual-clock';

const emptyJabra: JabraModule = {
  init: async () => ({
    deviceAdded: { subscribe: () => ({ unsubscribe: () => undefined }) },
    deviceRemoved: { subscribe: () => ({ unsubscribe: () => undefined }) },
    getCurrentDevices: () => [],
  }),
  CallControlFactory: class {
    supportsCallControl(): boolean {
      return true;
    }
    async createCallControl(): Promise<never> {
      throw new Error('no device');
    }
  },
};

describe('createHeadsetAdapters', () => {
  it('builds hid, jabra and poly; HID leaves Jabra devices alone while the Jabra adapter runs', async () => {
    const backend = new FakeHidBackend();
    backend.plugged = [
      { path: '/dev/jabra', vendorId: JABRA_USB_VENDOR_ID, productId: 0x0e40, usagePage: 0x0b, usage: 0x05 },
      { path: '/dev/acme', vendorId: 0x1234, productId: 0x0001, usagePage: 0x0b, usage: 0x05 },
    ];
    const clock = new ManualClock();
    const [hid, jabra, poly] = createHeadsetAdapters({
      clock,
      hid: { backend },
      jabra: { loadModule: async () => emptyJabra },
      poly: { baseUrl: 'http://127.0.0.1:9/Spokes' },
    });
    expect([hid?.vendor, jabra?.vendor, poly?.vendor]).toEqual(['hid', 'jabra', 'poly']);
    await hid!.start();
    expect(backend.connections.has('/dev/jabra')).toBe(true);
    await jabra!.start();
    expect(jabra!.status.state).toBe('running');
    clock.advance(2_000);
    await settle();
    expect(backend.connection('/dev/jabra').closed).toBe(true);
    expect(backend.connection('/dev/acme').closed).toBe(false);
    await hid!.stop();
    await jabra!.stop();
  });
});
