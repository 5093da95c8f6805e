import type {
  CallView,
  HeadsetStatusView,
  HotkeyPressView,
  HotkeyStatusView,
  NotificationActivation,
  Settings,
} from '../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../../src-preload/contract/platform/assert-never';
import type { Feature, FeatureHost } from '../../platform/feature';
import type { Handlers, ValidPayload } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import type { Event } from '../../platform/typed-emitter';
import { createHeadsetAdapters, type CreateHeadsetAdaptersOptions } from './headsets/create-headset-adapters';
import type { HeadsetAdapter } from './headsets/headset-adapter';
import { HeadsetBridge, type HeadsetBridgeStatus } from './headsets/headset-bridge';
import { decideLinkDial } from './links/link-dial-policy';
import { LinkRequests } from './links/link-requests';
import { parseTelephonyUri } from './links/parse-telephony-uri';
import { PopupController } from './popup/popup-controller';
import type { WindowControl, WindowController } from './window/window-control';
import { zoomStep } from './window/zoom-step';

/** Where a telephony link handed over by the OS came from (see link-dial-policy.ts). */
export type ExternalLinkOrigin = 'os-second-instance' | 'os-open-url' | 'cold-start-argv';

/** What the desktop integration drives in the calls feature (links dial, headsets answer…). */
export interface DesktopCalls {
  readonly onDidChangeCalls: Event<CallView[]>;
  /** dials as the user's dial mode says (SPEC J4): the call's id, or the callback's */
  dial(number: string): Promise<{ callId: string }>;
  /** the last number again (headset Redial), when there is one */
  redial(): Promise<void>;
  answer(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  setMuted(callId: string, muted: boolean): Promise<void>;
  setHold(callId: string, hold: boolean): Promise<void>;
  markMissedCallsSeen(): void;
}

/** The settings the desktop integration reads and changes (popup, headsets, zoom, view, pin). */
export interface DesktopSettings {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
  readonly onDidChange: Event<Settings>;
}

export interface DesktopFeatureOptions {
  calls: DesktopCalls;
  settings: DesktopSettings;
  window: WindowControl;
  /**
   * Headset adapters for the HeadsetBridge (SPEC G3); default: the three real
   * ones ({@link createHeadsetAdapters} with {@link headsetAdapterOptions}).
   * Nothing starts until settings.headsets enables a vendor.
   */
  headsetAdapters?: HeadsetAdapter[];
  headsetAdapterOptions?: CreateHeadsetAdaptersOptions;
  /** how long a links.onDidRequestDial question stays answerable (default 60 s) */
  linkRequestTtlMs?: number;
}

/**
 * Desktop integration (SPEC G): telephony links (SPEC G1), the dial hotkey's
 * status (G2; the shell owns the global shortcut), headsets (G3), the call
 * popup, the window commands, notification clicks and the counters (G4).
 * The shells drive the OS side through AppCore's ShellBackend methods, which
 * land here.
 */
export class DesktopFeature implements Feature {
  readonly name = 'desktop';
  readonly handlers: Partial<Handlers>;
  private readonly linkRequests: LinkRequests;
  private readonly popup: PopupController;
  private readonly headsets: HeadsetBridge;
  private hotkeyStatus: HotkeyStatusView = { status: 'off' };
  private readonly disposers: Array<() => void>;

  constructor(
    private readonly host: FeatureHost,
    private readonly options: DesktopFeatureOptions,
  ) {
    const { calls, settings } = options;
    const headsetLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string): void =>
      host.log(level, `[headset] ${message}`);
    this.linkRequests = new LinkRequests(host.clock, options.linkRequestTtlMs);
    const initial = settings.get();
    this.popup = new PopupController({
      clock: host.clock,
      setting: initial.popupVisibility,
      onDidChange: (state) => host.emit('popup.onDidChange', state),
    });
    this.headsets = new HeadsetBridge({
      adapters:
        options.headsetAdapters ??
        createHeadsetAdapters({ ...options.headsetAdapterOptions, clock: host.clock, logger: headsetLog }),
      clock: host.clock,
      logger: headsetLog,
      control: {
        answer: (callId) => calls.answer(callId),
        reject: (callId) => calls.reject(callId),
        hangup: (callId) => calls.hangup(callId),
        setMuted: (callId, muted) => calls.setMuted(callId, muted),
        setHold: (callId, hold) => calls.setHold(callId, hold),
        redial: async () => calls.redial(),
      },
    });
    this.disposers = [
      settings.onDidChange((s) => {
        this.popup.setSetting(s.popupVisibility);
        this.configureHeadsets(s.headsets);
      }),
      this.headsets.onDidChangeStatus((status) => host.emit('headsets.onDidChange', headsetView(status))),
      calls.onDidChangeCalls((views) => {
        this.headsets.updateCalls(views);
        this.popup.updateCalls(views);
      }),
    ];
    this.configureHeadsets(initial.headsets);
    this.handlers = {
      'links.open': (p) => this.openInAppLink(p.url),
      'links.confirm': (p) => this.confirmLink(p.requestId, p.accept),
      'links.getPending': () => this.linkRequests.list(),
      'hotkey.getStatus': () => ({ ...this.hotkeyStatus }),
      'headsets.getStatus': () => headsetView(this.headsets.status),
      'window.command': (p) => this.windowCommand(p.command, p.view),
      'counters.get': () => host.counters(),
      'counters.markSeen': () => {
        calls.markMissedCallsSeen();
        return host.counters();
      },
      'popup.getState': () => this.popup.state,
    };
  }

  async dispose(): Promise<void> {
    this.linkRequests.dispose();
    this.popup.dispose();
    await this.headsets
      .dispose()
      .catch((err: unknown) => this.host.log('warn', `headsets dispose failed: ${String(err)}`));
    for (const d of this.disposers) d();
  }

  // ------------------------------------------------------------ driven by the shells (ShellBackend)

  /**
   * A tel:/callto:/sip: link handed over by the OS (SPEC G1). Never dials by
   * itself: a refused link publishes links.onDidRefuse; a good one is kept
   * (60 s) and published as links.onDidRequestDial for the user's yes/no.
   */
  handleExternalLink(url: string, origin: ExternalLinkOrigin): void {
    if (this.host.disposed) return;
    const link = parseTelephonyUri(url);
    if (!link.ok) {
      this.host.log('info', `refused a ${origin} link: ${link.reason}`);
      this.host.emit('links.onDidRefuse', { reason: link.reason, message: link.message });
      return;
    }
    const decision = decideLinkDial(link, origin);
    const request = this.linkRequests.add({
      number: decision.number,
      display: decision.display,
      scheme: link.scheme,
      ...(link.extension !== undefined ? { extension: link.extension } : {}),
    });
    this.host.emit('links.onDidRequestDial', request);
  }

  reportLinkRefusal(refusal: { reason: string; message?: string }): void {
    if (this.host.disposed) return;
    this.host.emit('links.onDidRefuse', {
      reason: refusal.reason,
      ...(refusal.message !== undefined ? { message: refusal.message } : {}),
    });
  }

  setHotkeyStatus(status: HotkeyStatusView): void {
    if (this.host.disposed) return;
    const changed = JSON.stringify(status) !== JSON.stringify(this.hotkeyStatus);
    this.hotkeyStatus = { ...status };
    if (changed) this.host.emit('hotkey.onDidChangeStatus', { ...status });
  }

  reportHotkeyPress(outcome: HotkeyPressView): void {
    if (!this.host.disposed) this.host.emit('hotkey.onDidHandlePress', { ...outcome });
  }

  setMainWindowMinimized(minimized: boolean): void {
    this.popup.setMainWindowMinimized(minimized);
  }

  reportNotificationActivation(activation: NotificationActivation): void {
    if (!this.host.disposed) this.host.emit('notifications.onDidActivate', { ...activation });
  }

  setWindowController(controller: WindowController | undefined): void {
    this.options.window.set(controller);
  }

  // ------------------------------------------------------------ handlers

  /** links.open: a link clicked inside our own window is the user's own action: dial now. */
  private async openInAppLink(url: string): Promise<{ callId: string }> {
    const link = parseTelephonyUri(url);
    if (!link.ok) throw new UcError('invalid-link', link.message, [link.reason]);
    const decision = decideLinkDial(link, 'in-app-click');
    return this.options.calls.dial(decision.number);
  }

  private async confirmLink(requestId: string, accept: boolean): Promise<{ callId: string } | null> {
    const request = this.linkRequests.take(requestId);
    if (!request) throw new UcError('unknown-request', 'this call request expired or was already answered');
    return accept ? await this.options.calls.dial(request.number) : null;
  }

  private windowCommand(command: ValidPayload<'window.command'>['command'], view: Settings['view'] | undefined): void {
    const settings = this.options.settings;
    switch (command) {
      case 'zoom-in':
      case 'zoom-out':
      case 'zoom-reset':
        settings.update({ zoom: zoomStep(settings.get().zoom, command) });
        return;
      case 'set-view':
        if (view === undefined) throw new UcError('invalid-payload', 'set-view needs a view');
        settings.update({ view });
        return;
      case 'toggle-pin':
        settings.update({ pinOnTop: !settings.get().pinOnTop });
        return;
      case 'minimize':
      case 'close':
      case 'dock':
        // The web shell has no window of its own: accepted and ignored.
        this.options.window.run(command);
        return;
      default:
        assertNever(command, 'unknown window command');
    }
  }

  private configureHeadsets(headsets: Settings['headsets']): void {
    this.headsets.configure({ ...headsets }).catch((err: unknown) => {
      this.host.log('warn', `headsets not configured: ${String(err)}`);
    });
  }
}

/** The bridge status as plain JSON (copies, so later changes inside the bridge do not leak). */
function headsetView(status: HeadsetBridgeStatus): HeadsetStatusView {
  return JSON.parse(JSON.stringify(status)) as HeadsetStatusView;
}
