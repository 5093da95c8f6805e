import { TypedEmitter } from '../../../platform/typed-emitter';
import type {
  HeadsetAdapter,
  HeadsetAdapterStatus,
  HeadsetCallState,
  HeadsetDevice,
  HeadsetRequest,
  HeadsetVendor,
} from './headset-adapter';

/**
 * The life cycle every headset adapter shares (HID, Jabra, Poly): its status
 * and events, and start/stop with a run generation, so that whatever a
 * superseded run still finishes (a scan, an SDK init, a Hub request) changes
 * nothing.
 *
 * ```text
 *   stopped ──start()──▶ starting ──open() ok──▶ running ──(poll fails: fail())──▶ failed
 *                            │
 *                            └──open() threw──▶ unavailable (reason, retryable)
 *   any ──stop()──▶ stopped (close() released everything)
 * ```
 *
 * start() while `starting` or `running` does nothing; the bridge restarts a
 * `failed` or retryable `unavailable` adapter with backoff (stop, then start).
 */
export abstract class HeadsetAdapterBase implements HeadsetAdapter {
  abstract readonly vendor: HeadsetVendor;
  private currentStatus: HeadsetAdapterStatus = { state: 'stopped' };
  private runGeneration = 0;

  private readonly didChangeStatus = new TypedEmitter<HeadsetAdapterStatus>();
  protected readonly didRequest = new TypedEmitter<HeadsetRequest>();
  protected readonly didChangeDevices = new TypedEmitter<HeadsetDevice[]>();
  readonly onDidChangeStatus = this.didChangeStatus.event;
  readonly onDidRequest = this.didRequest.event;
  readonly onDidChangeDevices = this.didChangeDevices.event;

  get status(): HeadsetAdapterStatus {
    return this.currentStatus;
  }

  async start(): Promise<void> {
    if (this.currentStatus.state === 'running' || this.currentStatus.state === 'starting') return;
    const generation = ++this.runGeneration;
    this.setStatus({ state: 'starting' });
    try {
      await this.open(generation);
    } catch (error) {
      if (!this.isCurrent(generation)) return;
      this.setStatus({ state: 'unavailable', ...this.unavailable(error) });
      return;
    }
    if (!this.isCurrent(generation)) return;
    this.setStatus({ state: 'running' });
    this.opened(generation);
  }

  async stop(): Promise<void> {
    this.runGeneration++;
    await this.close();
    this.setStatus({ state: 'stopped' });
  }

  abstract setCallState(state: HeadsetCallState): Promise<void>;

  /**
   * Connects to the vendor stack and opens the devices present. Throws when
   * the stack is missing or refuses (→ `unavailable`, see {@link unavailable});
   * returns early, quietly, once {@link isCurrent}(generation) is false.
   */
  protected abstract open(generation: number): Promise<void>;

  /** Why {@link open} failed, for the `unavailable` status. */
  protected abstract unavailable(error: unknown): { reason: string; retryable: boolean };

  /** Runs once the adapter is `running` (e.g. starts polling). */
  protected opened(_generation: number): void {
    // nothing by default
  }

  /** Releases every OS/vendor resource and timer; never rejects. The run generation already moved on. */
  protected abstract close(): Promise<void>;

  /** Whether `generation` is still the current run (no stop() or newer start() since). */
  protected isCurrent(generation: number): boolean {
    return generation === this.runGeneration;
  }

  /** A running adapter broke (hub gone, enumeration failed): the bridge restarts it with backoff. */
  protected fail(reason: string): void {
    this.setStatus({ state: 'failed', reason });
  }

  private setStatus(status: HeadsetAdapterStatus): void {
    this.currentStatus = status;
    this.didChangeStatus.fire(status);
  }
}
