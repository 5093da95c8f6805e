import type { Clock } from '../../../platform/clock';
import type { HeadsetAdapter, HeadsetLogger } from './headset-adapter';
import { HidAdapter, type HidAdapterOptions } from './hid/hid-adapter';
import { JabraAdapter, type JabraAdapterOptions } from './jabra/jabra-adapter';
import { PolyAdapter, type PolyAdapterOptions } from './poly/poly-adapter';

/** USB vendor IDs of the vendors that have their own adapter. */
export const JABRA_USB_VENDOR_ID = 0x0b0e;
export const POLY_USB_VENDOR_ID = 0x047f;

export interface CreateHeadsetAdaptersOptions {
  clock?: Clock;
  logger?: HeadsetLogger;
  hid?: Omit<HidAdapterOptions, 'clock' | 'logger' | 'skipVendorIds'>;
  jabra?: Omit<JabraAdapterOptions, 'clock' | 'logger'>;
  poly?: Omit<PolyAdapterOptions, 'clock' | 'logger'>;
}

/**
 * The three real adapters, wired so a Jabra or Poly headset is left to its
 * vendor adapter while that adapter runs (it is also a generic HID telephony
 * device; one button must not act twice).
 */
export function createHeadsetAdapters(options: CreateHeadsetAdaptersOptions = {}): HeadsetAdapter[] {
  const common = {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  };
  const jabra = new JabraAdapter({ ...options.jabra, ...common });
  const poly = new PolyAdapter({ ...options.poly, ...common });
  const hid = new HidAdapter({
    ...options.hid,
    ...common,
    skipVendorIds: () => [
      ...(jabra.status.state === 'running' ? [JABRA_USB_VENDOR_ID] : []),
      ...(poly.status.state === 'running' ? [POLY_USB_VENDOR_ID] : []),
    ],
  });
  return [hid, jabra, poly];
}
