import type { CallView } from '../../../../src-preload/contract/ipc-contract';
import type {
  HeadsetAdapter,
  HeadsetAdapterStatus,
  HeadsetCallState,
  HeadsetDevice,
  HeadsetRequest,
  HeadsetVendor,
} from '../../../../src-main/core/features/desktop/headsets/headset-adapter';
import type { HeadsetCallControl } from '../../../../src-main/core/features/desktop/headsets/headset-bridge';
import type {
  HidBackend,
  HidConnection,
  HidDeviceInfo,
} from '../../../../src-main/core/features/desktop/headsets/hid/hid-backend';
import { TypedEmitter } from '../../../../src-main/core/platform/typed-emitter';

/** Lets pending promise callbacks run (several macrotask turns, bounded). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A scriptable adapter for bridge tests. */
export class FakeAdapter implements HeadsetAdapter {
  status: HeadsetAdapterStatus = { state: 'stopped' };
  readonly states: HeadsetCallState[] = [];
  starts = 0;
  stops = 0;
  /** what the next start() does */
  nextStart: 'run' | 'throw' | { unavailable: string; retryable: boolean } = 'run';
  failSetCallState = false;
  private readonly statusEmitter = new TypedEmitter<HeadsetAdapterStatus>();
  private readonly requestEmitter = new TypedEmitter<HeadsetRequest>();
  private readonly devicesEmitter = new TypedEmitter<HeadsetDevice[]>();
  readonly onDidChangeStatus = this.statusEmitter.event;
  readonly onDidRequest = this.requestEmitter.event;
  readonly onDidChangeDevices = this.devicesEmitter.event;

  constructor(readonly vendor: HeadsetVendor) {}

  async start(): Promise<void> {
    this.starts++;
    const mode = this.nextStart;
    if (mode === 'throw') throw new Error('boom at start');
    this.set(
      mode === 'run'
        ? { state: 'running' }
        : { state: 'unavailable', reason: mode.unavailable, retryable: mode.retryable },
    );
  }
  async stop(): Promise<void> {
    this.stops++;
    this.set({ state: 'stopped' });
  }
  async setCallState(state: HeadsetCallState): Promise<void> {
    if (this.failSetCallState) throw new Error('device write failed');
    this.states.push(state);
  }
  get lastState(): HeadsetCallState | undefined {
    return this.states[this.states.length - 1];
  }
  press(request: HeadsetRequest): void {
    this.requestEmitter.fire(request);
  }
  crash(reason = 'crashed'): void {
    this.set({ state: 'failed', reason });
  }
  plug(devices: HeadsetDevice[]): void {
    this.devicesEmitter.fire(devices);
  }
  private set(status: HeadsetAdapterStatus): void {
    this.status = status;
    this.statusEmitter.fire(status);
  }
}

/** Records call actions. */
export class RecordingControl implements HeadsetCallControl {
  readonly actions: string[] = [];
  async answer(id: string): Promise<void> {
    this.actions.push(`answer ${id}`);
  }
  async reject(id: string): Promise<void> {
    this.actions.push(`reject ${id}`);
  }
  async hangup(id: string): Promise<void> {
    this.actions.push(`hangup ${id}`);
  }
  async setMuted(id: string, muted: boolean): Promise<void> {
    this.actions.push(`setMuted ${id} ${muted}`);
  }
  async setHold(id: string, hold: boolean): Promise<void> {
    this.actions.push(`setHold ${id} ${hold}`);
  }
  async redial(): Promise<void> {
    this.actions.push('redial');
  }
}

/** A contract CallView with sensible defaults. */
export function callView(id: string, state: CallView['state'], extra: Partial<CallView> = {}): CallView {
  return {
    id,
    direction: state === 'ringing-in' || state === 'answering' ? 'incoming' : 'outgoing',
    peer: '102',
    state,
    held: state === 'held',
    remoteHeld: false,
    muted: false,
    startedAt: 1_700_000_000_000,
    ...extra,
  };
}

/** One fake HID interface: records writes, lets the test push input reports or fail. */
export class FakeHidConnection implements HidConnection {
  readonly writes: number[][] = [];
  closed = false;
  private dataListener: ((report: Buffer) => void) | undefined;
  private errorListener: ((error: unknown) => void) | undefined;
  on(event: 'data', listener: (report: Buffer) => void): void;
  on(event: 'error', listener: (error: unknown) => void): void;
  on(event: 'data' | 'error', listener: ((report: Buffer) => void) | ((error: unknown) => void)): void {
    if (event === 'data') this.dataListener = listener as (report: Buffer) => void;
    else this.errorListener = listener as (error: unknown) => void;
  }
  async write(report: number[]): Promise<void> {
    if (this.closed) throw new Error('write on closed device');
    this.writes.push([...report]);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  input(bytes: number[]): void {
    this.dataListener?.(Buffer.from(bytes));
  }
  fail(error: unknown): void {
    this.errorListener?.(error);
  }
}

/** Fake node-hid: a list of plugged interfaces the test edits. */
export class FakeHidBackend implements HidBackend {
  plugged: HidDeviceInfo[] = [];
  readonly connections = new Map<string, FakeHidConnection[]>();
  enumerations = 0;
  enumerateError: Error | undefined;
  openError: Error | undefined;
  async enumerate(): Promise<HidDeviceInfo[]> {
    this.enumerations++;
    if (this.enumerateError) throw this.enumerateError;
    return this.plugged.map((d) => ({ ...d }));
  }
  async open(path: string): Promise<FakeHidConnection> {
    if (this.openError) throw this.openError;
    if (!this.plugged.some((d) => d.path === path)) throw new Error(`no device at ${path}`);
    const c = new FakeHidConnection();
    const list = this.connections.get(path) ?? [];
    list.push(c);
    this.connections.set(path, list);
    return c;
  }
  /** the latest connection opened on a path */
  connection(path: string): FakeHidConnection {
    const c = this.connections.get(path)?.at(-1);
    if (!c) throw new Error(`never opened ${path}`);
    return c;
  }
}
