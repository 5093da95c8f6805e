import { assertNever } from '../../../../../../src-preload/contract/platform/assert-never';
import { systemClock, type Clock, type TimerHandle } from '../../../../platform/clock';
import {
  IDLE_HEADSET_STATE,
  describeError,
  type HeadsetCallState,
  type HeadsetDevice,
  type HeadsetLogger,
  type HeadsetRequest,
} from '../headset-adapter';
import { HeadsetAdapterBase } from '../headset-adapter-base';
import {
  HidLibraryUnavailableError,
  NodeHidBackend,
  type HidBackend,
  type HidConnection,
  type HidDeviceInfo,
} from './hid-backend';
import {
  HID_USAGE,
  buildOutputReports,
  hidDeviceKey,
  layoutFor,
  readBit,
  type HidInputUsage,
  type HidOutputUsage,
  type HidReportLayout,
} from './hid-report-map';

export interface HidAdapterOptions {
  /** default: node-hid */
  backend?: HidBackend;
  clock?: Clock;
  logger?: HeadsetLogger;
  /** hot-plug polling period, ms (default 2 000) */
  pollMs?: number;
  /** extra or replacement layouts keyed `vvvv:pppp` (see hid-report-map.ts) */
  layouts?: Readonly<Record<string, HidReportLayout>>;
  /**
   * Vendor IDs left to a vendor adapter that is enabled at the moment (Jabra
   * 0x0B0E, Poly/Plantronics 0x047F) so one button is not seen twice.
   */
  skipVendorIds?: () => readonly number[];
}

interface OpenDevice {
  readonly info: HidDeviceInfo;
  readonly layout: HidReportLayout;
  readonly connection: HidConnection;
  readonly device: HeadsetDevice;
  /** last value of each input bit, for edge detection */
  readonly inputs: Partial<Record<HidInputUsage, boolean>>;
  /** last output reports written, to skip identical writes */
  lastOutput: string | undefined;
  closed: boolean;
}

const INPUT_ORDER: readonly HidInputUsage[] = ['hook-switch', 'phone-mute', 'flash', 'drop', 'redial'];

/**
 * Generic USB HID telephony headsets through node-hid (SPEC G3).
 *
 * Selects interfaces whose top-level collection is Telephony (0x0B) / Headset
 * (0x05), decodes their input reports with a per-device layout
 * (hid-report-map.ts) and drives the LED/ringer outputs. Hook transitions are
 * read against the call state: ringing + off-hook → answer; active/held +
 * on-hook → hangup; ringing + Drop → reject. Hot-plug by polling enumerate()
 * every `pollMs` (node-hid has no plug events), stopped by stop().
 */
export class HidAdapter extends HeadsetAdapterBase {
  readonly vendor = 'hid' as const;
  private readonly backend: HidBackend;
  private readonly clock: Clock;
  private readonly log: HeadsetLogger;
  private readonly pollMs: number;
  private readonly layouts: Readonly<Record<string, HidReportLayout>>;
  private readonly skipVendorIds: () => readonly number[];
  private readonly openDevices = new Map<string, OpenDevice>();
  /** paths that failed to open, logged once until they disappear */
  private readonly failedPaths = new Set<string>();
  private state: HeadsetCallState = IDLE_HEADSET_STATE;
  private pollTimer: TimerHandle | undefined;
  private scanning: Promise<void> | undefined;

  constructor(options: HidAdapterOptions = {}) {
    super();
    this.backend = options.backend ?? new NodeHidBackend();
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? (() => undefined);
    this.pollMs = options.pollMs ?? 2_000;
    this.layouts = options.layouts ?? {};
    this.skipVendorIds = options.skipVendorIds ?? (() => []);
  }

  /** Currently open headsets. */
  get devices(): HeadsetDevice[] {
    return [...this.openDevices.values()].map((d) => d.device);
  }

  protected open(generation: number): Promise<void> {
    return this.scan(generation);
  }

  protected unavailable(error: unknown): { reason: string; retryable: boolean } {
    const missing = error instanceof HidLibraryUnavailableError;
    return {
      reason: missing ? error.message : `HID enumeration failed: ${describeError(error)}`,
      retryable: !missing,
    };
  }

  protected override opened(generation: number): void {
    this.schedulePoll(generation);
  }

  protected async close(): Promise<void> {
    if (this.pollTimer !== undefined) this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    await this.scanning?.catch(() => undefined);
    const devices = [...this.openDevices.values()];
    this.openDevices.clear();
    this.failedPaths.clear();
    await Promise.all(devices.map((d) => this.closeDevice(d)));
    if (devices.length > 0) this.didChangeDevices.fire([]);
    this.state = IDLE_HEADSET_STATE;
  }

  async setCallState(state: HeadsetCallState): Promise<void> {
    this.state = state;
    await Promise.all([...this.openDevices.values()].map((d) => this.writeOutputs(d, false)));
  }

  // ------------------------------------------------------------------ discovery

  private schedulePoll(generation: number): void {
    this.pollTimer = this.clock.setTimeout(() => {
      this.pollTimer = undefined;
      if (!this.isCurrent(generation)) return;
      this.scan(generation).then(
        () => {
          if (this.isCurrent(generation)) this.schedulePoll(generation);
        },
        (error: unknown) => {
          if (!this.isCurrent(generation)) return;
          this.fail(`HID enumeration failed: ${describeError(error)}`);
        },
      );
    }, this.pollMs);
  }

  /** One enumeration pass: opens new headsets, forgets vanished ones. */
  private scan(generation: number): Promise<void> {
    const run = async (): Promise<void> => {
      const listed = await this.backend.enumerate();
      if (!this.isCurrent(generation)) return;
      const skip = new Set(this.skipVendorIds());
      const wanted = new Map<string, HidDeviceInfo>();
      for (const info of listed) {
        if (info.usagePage !== HID_USAGE.telephonyPage || info.usage !== HID_USAGE.headset) continue;
        if (skip.has(info.vendorId)) continue;
        if (!wanted.has(info.path)) wanted.set(info.path, info);
      }
      let changed = false;
      for (const [path, device] of [...this.openDevices]) {
        if (wanted.has(path)) continue;
        this.openDevices.delete(path);
        await this.closeDevice(device);
        this.log('info', `headset/hid: ${device.device.name} unplugged`);
        changed = true;
      }
      for (const path of [...this.failedPaths]) if (!wanted.has(path)) this.failedPaths.delete(path);
      for (const [path, info] of wanted) {
        if (this.openDevices.has(path)) continue;
        const opened = await this.openDevice(info);
        if (!this.isCurrent(generation)) {
          if (opened) await this.closeDevice(opened);
          return;
        }
        if (!opened) continue;
        this.openDevices.set(path, opened);
        changed = true;
        await this.writeOutputs(opened, true);
      }
      if (changed) this.didChangeDevices.fire(this.devices);
    };
    const pass = run().finally(() => {
      if (this.scanning === pass) this.scanning = undefined;
    });
    this.scanning = pass;
    return pass;
  }

  private async openDevice(info: HidDeviceInfo): Promise<OpenDevice | undefined> {
    let connection: HidConnection;
    try {
      connection = await this.backend.open(info.path);
    } catch (error) {
      if (!this.failedPaths.has(info.path)) {
        this.failedPaths.add(info.path);
        // Linux: EACCES on /dev/hidrawN means the udev rule of the README is missing.
        this.log('warn', `headset/hid: cannot open ${info.path}: ${describeError(error)}`);
      }
      return undefined;
    }
    this.failedPaths.delete(info.path);
    const key = hidDeviceKey(info.vendorId, info.productId);
    const layout = layoutFor(info.vendorId, info.productId, this.layouts);
    const name = [info.manufacturer, info.product].filter(Boolean).join(' ').trim() || `HID headset ${key}`;
    const device: OpenDevice = {
      info,
      layout,
      connection,
      device: { vendor: 'hid', id: info.path, name },
      inputs: {},
      lastOutput: undefined,
      closed: false,
    };
    connection.on('data', (report) => this.onReport(device, report));
    connection.on('error', (error) => this.onDeviceError(device, error));
    this.log('info', `headset/hid: ${name} (${key}) plugged, layout: ${layout.name}`);
    return device;
  }

  private async closeDevice(device: OpenDevice): Promise<void> {
    if (device.closed) return;
    device.closed = true;
    try {
      await device.connection.close();
    } catch (error) {
      this.log('debug', `headset/hid: close ${device.info.path}: ${describeError(error)}`);
    }
  }

  /** A read/write error usually means the device was unplugged: drop it; the next scan reopens it if still there. */
  private onDeviceError(device: OpenDevice, error: unknown): void {
    if (device.closed || this.openDevices.get(device.info.path) !== device) return;
    this.log('info', `headset/hid: ${device.device.name}: ${describeError(error)}`);
    this.openDevices.delete(device.info.path);
    void this.closeDevice(device);
    this.didChangeDevices.fire(this.devices);
  }

  // ------------------------------------------------------------------ reports

  private onReport(device: OpenDevice, report: Buffer): void {
    if (device.closed) return;
    for (const usage of INPUT_ORDER) {
      const field = device.layout.inputs[usage];
      if (!field) continue;
      const value = readBit(report, field);
      if (value === undefined) continue;
      const previous = device.inputs[usage] ?? false;
      device.inputs[usage] = value;
      if (value === previous) continue;
      const request = this.translate(usage, value, previous, device.layout);
      if (request) this.didRequest.fire(request);
    }
  }

  /** Input edge → request, read against the call state the bridge gave us. */
  private translate(
    usage: HidInputUsage,
    value: boolean,
    previous: boolean,
    layout: HidReportLayout,
  ): HeadsetRequest | undefined {
    const phase = this.state.phase;
    const inCall = phase === 'active' || phase === 'held';
    const rising = value && !previous;
    switch (usage) {
      case 'hook-switch':
        if (rising && phase === 'ringing') return { type: 'answer' };
        if (!value && previous && inCall) return { type: 'hangup' };
        return undefined;
      case 'phone-mute':
        if (!inCall) return undefined;
        if (layout.phoneMute === 'toggle') return rising ? { type: 'toggle-mute' } : undefined;
        // absolute: only a state that differs from ours is a request (our own LED write echoes back)
        return value !== this.state.muted ? { type: 'mute', muted: value } : undefined;
      case 'flash':
        return rising && inCall ? { type: 'flash' } : undefined;
      case 'drop':
        if (!rising) return undefined;
        if (phase === 'ringing') return { type: 'reject' };
        return inCall ? { type: 'hangup' } : undefined;
      case 'redial':
        return rising && phase === 'idle' ? { type: 'redial' } : undefined;
      default:
        return assertNever(usage, 'unknown HID input usage');
    }
  }

  private async writeOutputs(device: OpenDevice, force: boolean): Promise<void> {
    const phase = this.state.phase;
    const values: Record<HidOutputUsage, boolean> = {
      'off-hook': phase === 'active' || phase === 'held',
      ring: phase === 'ringing',
      ringer: phase === 'ringing',
      mute: (phase === 'active' || phase === 'held') && this.state.muted,
      hold: phase === 'held',
    };
    const reports = buildOutputReports(device.layout, values);
    const key = JSON.stringify(reports);
    if (!force && key === device.lastOutput) return;
    device.lastOutput = key;
    try {
      for (const report of reports) await device.connection.write(report);
    } catch (error) {
      this.onDeviceError(device, error);
    }
  }
}
