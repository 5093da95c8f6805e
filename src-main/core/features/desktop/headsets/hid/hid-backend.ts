/**
 * The narrow seam between the HID adapter and node-hid, so tests drive the
 * adapter with recorded reports and the real library is only loaded on use.
 */

/** One HID interface as enumerated (node-hid's `Device`, the fields we use). */
export interface HidDeviceInfo {
  /** OS path (/dev/hidrawN on Linux, an IOService path on macOS, a \\?\hid#… path on Windows) */
  path: string;
  vendorId: number;
  productId: number;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  /** top-level collection usage page/usage (hidapi reads it from the report descriptor) */
  usagePage?: number;
  usage?: number;
}

/** An open HID interface. */
export interface HidConnection {
  /** input reports; byte 0 is the report ID when the device numbers its reports */
  on(event: 'data', listener: (report: Buffer) => void): void;
  /** read errors (typically: the device was unplugged) */
  on(event: 'error', listener: (error: unknown) => void): void;
  /** sends an output report; byte 0 is the report ID (0 for unnumbered reports) */
  write(report: number[]): Promise<void>;
  close(): Promise<void>;
}

export interface HidBackend {
  enumerate(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidConnection>;
}

/** Thrown when the native HID library cannot be loaded at all (e.g. libusb-1.0 missing on Linux). */
export class HidLibraryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HidLibraryUnavailableError';
  }
}

interface NodeHidModule {
  devicesAsync(): Promise<Array<HidDeviceInfo & { path?: string }>>;
  HIDAsync: { open(path: string): Promise<NodeHidDevice> };
}

interface NodeHidDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  write(values: number[]): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real backend over node-hid 3 (N-API prebuilds, no Electron rebuild).
 * node-hid loads its native binding lazily on the first call, so a missing
 * libusb shows up here as {@link HidLibraryUnavailableError}, not at import.
 */
export class NodeHidBackend implements HidBackend {
  private module: NodeHidModule | undefined;

  async enumerate(): Promise<HidDeviceInfo[]> {
    const hid = await this.load();
    let devices: Array<HidDeviceInfo & { path?: string }>;
    try {
      devices = await hid.devicesAsync();
    } catch (error) {
      throw asLibraryError(error);
    }
    return devices.filter((d): d is HidDeviceInfo => typeof d.path === 'string' && d.path.length > 0);
  }

  async open(path: string): Promise<HidConnection> {
    const hid = await this.load();
    const device = await hid.HIDAsync.open(path);
    return {
      on: (event: 'data' | 'error', listener: (value: never) => void) => {
        device.on(event as 'data', listener as (data: Buffer) => void);
      },
      write: async (report) => {
        await device.write(report);
      },
      close: () => device.close(),
    } as HidConnection;
  }

  private async load(): Promise<NodeHidModule> {
    if (this.module) return this.module;
    try {
      const imported = (await import('node-hid')) as unknown as NodeHidModule & { default?: NodeHidModule };
      this.module = typeof imported.devicesAsync === 'function' ? imported : imported.default;
    } catch (error) {
      throw asLibraryError(error);
    }
    if (!this.module) throw new HidLibraryUnavailableError('node-hid did not load');
    return this.module;
  }
}

function asLibraryError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (
    code === 'ERR_DLOPEN_FAILED' ||
    code === 'ERR_MODULE_NOT_FOUND' ||
    /libusb|cannot open shared object/i.test(message)
  ) {
    return new HidLibraryUnavailableError(`node-hid cannot load its native library: ${message}`);
  }
  return error instanceof Error ? error : new Error(message);
}
