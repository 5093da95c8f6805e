import type { CallView, PopupStateView, PopupVisibility } from '../../../../../src-preload/contract/ipc-contract';
import type { Clock, TimerHandle } from '../../../platform/clock';
import { decidePopupVisibility, type RingingCall } from '../../../../../src-preload/contract/desktop/popup-visibility';

export interface PopupControllerOptions {
  clock: Clock;
  setting: PopupVisibility;
  /** every change of the popup state (AppCore publishes `popup.onDidChange`) */
  onDidChange: (state: PopupStateView) => void;
}

/**
 * Applies {@link decidePopupVisibility} over time: tracks when each call
 * started ringing, re-decides on every input change and when a timed popup
 * (5 s / 10 s) runs out, and reports only real changes.
 */
export class PopupController {
  private setting: PopupVisibility;
  private minimized = false;
  private readonly ringingSince = new Map<string, number>();
  private timer: TimerHandle | undefined;
  private current: PopupStateView = { visible: false };
  private disposed = false;

  constructor(private readonly options: PopupControllerOptions) {
    this.setting = options.setting;
  }

  get state(): PopupStateView {
    return { ...this.current };
  }

  /** The call list changed (calls.onDidChange). */
  updateCalls(calls: readonly CallView[]): void {
    const ringing = new Set(calls.filter((c) => c.state === 'ringing-in').map((c) => c.id));
    for (const id of [...this.ringingSince.keys()]) if (!ringing.has(id)) this.ringingSince.delete(id);
    for (const id of ringing) if (!this.ringingSince.has(id)) this.ringingSince.set(id, this.options.clock.now());
    this.decide();
  }

  setSetting(setting: PopupVisibility): void {
    if (setting === this.setting) return;
    this.setting = setting;
    this.decide();
  }

  /** The shell reports the main window minimized / hidden in the tray (true) or shown (false). */
  setMainWindowMinimized(minimized: boolean): void {
    if (minimized === this.minimized) return;
    this.minimized = minimized;
    this.decide();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private decide(): void {
    if (this.disposed) return;
    this.clearTimer();
    const ringing: RingingCall[] = [...this.ringingSince].map(([callId, since]) => ({ callId, since }));
    const decision = decidePopupVisibility({
      setting: this.setting,
      mainWindowMinimized: this.minimized,
      ringing,
      now: this.options.clock.now(),
    });
    const next: PopupStateView =
      decision.action === 'show' ? { visible: true, callId: decision.callId } : { visible: false };
    if (decision.action === 'show' && decision.hideAfterMs !== undefined) {
      this.timer = this.options.clock.setTimeout(() => {
        this.timer = undefined;
        this.decide();
      }, decision.hideAfterMs);
    }
    if (next.visible === this.current.visible && next.callId === this.current.callId) return;
    this.current = next;
    this.options.onDidChange({ ...next });
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
