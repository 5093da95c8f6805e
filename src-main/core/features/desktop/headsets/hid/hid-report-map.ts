/**
 * Where the telephony controls sit in a device's reports.
 *
 * node-hid gives the top-level usage page/usage of an interface but no parsed
 * report descriptor, so the adapter cannot discover bit positions by itself
 * (WebHID could; node-hid cannot). Instead each supported layout is listed
 * here, keyed by `vendorId:productId` in lower-case hex, with a generic default
 * for everything else. Add a device by dumping its descriptor
 * (`usbhid-dump -d vvvv:pppp` on Linux, or `/sys/class/hidraw/hidrawN/device/report_descriptor`)
 * and writing down the report ID, byte and bit of each usage below.
 *
 * Usages (USB HID Usage Tables 1.5):
 * - inputs, Telephony page 0x0B: Hook Switch 0x20 (absolute, 1 = off-hook),
 *   Flash 0x21, Redial 0x24, Drop 0x26, Phone Mute 0x2F (toggle or absolute).
 * - outputs, LED page 0x08: Mute 0x09, Off-Hook 0x17, Ring 0x18, Hold 0x20;
 *   Telephony page 0x0B: Ringer 0x9E.
 */

export type HidInputUsage = 'hook-switch' | 'phone-mute' | 'flash' | 'drop' | 'redial';
export type HidOutputUsage = 'off-hook' | 'ring' | 'mute' | 'hold' | 'ringer';

/** Usage IDs, for documentation, logs and device selection. */
export const HID_USAGE = {
  telephonyPage: 0x0b,
  headset: 0x05,
  hookSwitch: 0x20,
  flash: 0x21,
  redial: 0x24,
  drop: 0x26,
  phoneMute: 0x2f,
  ringer: 0x9e,
  ledPage: 0x08,
  ledMute: 0x09,
  ledOffHook: 0x17,
  ledRing: 0x18,
  ledHold: 0x20,
} as const;

/**
 * One 1-bit control. `reportId` 0 means the device does not number its reports;
 * `byte` counts from the first payload byte, *after* the report ID byte.
 */
export interface HidBitField {
  reportId: number;
  byte: number;
  bit: number;
}

export interface HidReportLayout {
  /** human-readable origin of the layout */
  name: string;
  inputs: Partial<Record<HidInputUsage, HidBitField>>;
  outputs: Partial<Record<HidOutputUsage, HidBitField>>;
  /** payload length (without the report ID byte) of each output report ID used above */
  outputLengths: Record<number, number>;
  /** Phone Mute is a relative toggle (press = 1, release = 0) or the absolute mute state */
  phoneMute: 'toggle' | 'absolute';
}

/**
 * Generic default: the usages in the order the HID Usage Tables list them for a
 * telephony headset collection, each 1 bit, padded to a byte — input report 1
 * (hook switch, phone mute, flash, drop, redial) and LED output report 2 (mute,
 * off-hook, ring, hold, ringer). Many simple headsets and DIY devices (TinyUSB,
 * CircuitPython telephony descriptors) follow this shape; a device that does
 * not gets an entry in {@link KNOWN_HID_LAYOUTS}. ASSUMPTION: not verified on
 * a commercial headset (none available on the build machine).
 */
export const GENERIC_HID_LAYOUT: HidReportLayout = {
  name: 'generic telephony headset (input report 1, LED report 2)',
  inputs: {
    'hook-switch': { reportId: 1, byte: 0, bit: 0 },
    'phone-mute': { reportId: 1, byte: 0, bit: 1 },
    flash: { reportId: 1, byte: 0, bit: 2 },
    drop: { reportId: 1, byte: 0, bit: 3 },
    redial: { reportId: 1, byte: 0, bit: 4 },
  },
  outputs: {
    mute: { reportId: 2, byte: 0, bit: 0 },
    'off-hook': { reportId: 2, byte: 0, bit: 1 },
    ring: { reportId: 2, byte: 0, bit: 2 },
    hold: { reportId: 2, byte: 0, bit: 3 },
    ringer: { reportId: 2, byte: 0, bit: 4 },
  },
  outputLengths: { 2: 1 },
  phoneMute: 'toggle',
};

/**
 * Devices whose layout differs from the generic one, keyed `vvvv:pppp`.
 *
 * - `1209:0001` (pid.codes test PID): reference layout of a device that
 *   reports Phone Mute as an absolute state and keeps the LEDs and the ringer in
 *   separate output reports (LEDs in report 3 byte 0, Ringer in report 4). The
 *   unit tests replay the fixture `tests/fixtures/headset/hid-absolute-mute.json`
 *   against it; it doubles as the template for real entries.
 */
export const KNOWN_HID_LAYOUTS: Readonly<Record<string, HidReportLayout>> = {
  '1209:0001': {
    name: 'pid.codes test device (absolute mute, LED report 3, ringer report 4)',
    inputs: {
      'hook-switch': { reportId: 3, byte: 0, bit: 0 },
      'phone-mute': { reportId: 3, byte: 0, bit: 1 },
      drop: { reportId: 3, byte: 0, bit: 2 },
      flash: { reportId: 3, byte: 1, bit: 0 },
      redial: { reportId: 3, byte: 1, bit: 1 },
    },
    outputs: {
      'off-hook': { reportId: 3, byte: 0, bit: 0 },
      mute: { reportId: 3, byte: 0, bit: 1 },
      ring: { reportId: 3, byte: 0, bit: 2 },
      hold: { reportId: 3, byte: 0, bit: 3 },
      ringer: { reportId: 4, byte: 0, bit: 0 },
    },
    outputLengths: { 3: 1, 4: 1 },
    phoneMute: 'absolute',
  },
};

/** `vvvv:pppp` key of a device. */
export function hidDeviceKey(vendorId: number, productId: number): string {
  const hex = (n: number): string => (n & 0xffff).toString(16).padStart(4, '0');
  return `${hex(vendorId)}:${hex(productId)}`;
}

/** The layout for a device: an override, a known entry, else the generic default. */
export function layoutFor(
  vendorId: number,
  productId: number,
  overrides: Readonly<Record<string, HidReportLayout>> = {},
): HidReportLayout {
  const key = hidDeviceKey(vendorId, productId);
  return overrides[key] ?? KNOWN_HID_LAYOUTS[key] ?? GENERIC_HID_LAYOUT;
}

/** Reads one bit of an input report, or undefined when the report is not the field's report. */
export function readBit(report: Uint8Array, field: HidBitField): boolean | undefined {
  let offset = 0;
  if (field.reportId !== 0) {
    if (report[0] !== field.reportId) return undefined;
    offset = 1;
  }
  const value = report[offset + field.byte];
  if (value === undefined) return undefined;
  return ((value >> field.bit) & 1) === 1;
}

/**
 * Builds the output reports of a layout for the given LED/ringer values: one
 * array per report ID, byte 0 being the report ID (0 for unnumbered devices,
 * as hidapi expects).
 */
export function buildOutputReports(
  layout: HidReportLayout,
  values: Readonly<Record<HidOutputUsage, boolean>>,
): number[][] {
  const reports = new Map<number, number[]>();
  for (const [id, length] of Object.entries(layout.outputLengths)) {
    const reportId = Number(id);
    reports.set(reportId, [reportId, ...new Array<number>(length).fill(0)]);
  }
  for (const [usage, field] of Object.entries(layout.outputs) as Array<[HidOutputUsage, HidBitField]>) {
    const report = reports.get(field.reportId);
    if (!report) throw new Error(`layout "${layout.name}": no output length for report ${field.reportId}`);
    const index = 1 + field.byte;
    if (index >= report.length) throw new Error(`layout "${layout.name}": ${usage} beyond report ${field.reportId}`);
    if (values[usage]) report[index] = (report[index] ?? 0) | (1 << field.bit);
  }
  return [...reports.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
}
