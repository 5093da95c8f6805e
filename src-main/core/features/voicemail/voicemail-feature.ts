import type { CountersView } from '../../../../src-preload/contract/ipc-contract';
import { toDisposable, type Disposable } from '../../platform/disposable';
import type { Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import { UcClientError } from '../../platform/uc/uc-client-error';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';
import { VoicemailApi } from './voicemail-api';
import { VoicemailNotFoundError, VoicemailService, type VoicemailNotice } from './voicemail-service';

/**
 * The user's mailbox (SPEC H): fetched at login and on every
 * `voicemails-changed`, audio on demand, the new-message count for the tray.
 */
export class VoicemailFeature implements Feature {
  readonly name = 'voicemail';
  readonly handlers: Partial<Handlers>;
  /** the mailbox of the logged-in account; undefined while logged out */
  private service: VoicemailService | undefined;
  private readonly didReceive = new TypedEmitter<VoicemailNotice>();
  /** A voice message arrived (shells show a notification, SPEC G4). */
  readonly onDidReceive: Event<VoicemailNotice> = this.didReceive.event;

  constructor(private readonly host: FeatureHost) {
    this.handlers = {
      'voicemail.list': () => this.service?.view() ?? { voicemails: [], newCount: 0, loaded: false },
      'voicemail.getAudio': (p) => this.act(async (vm) => ({ dataUrl: await vm.audioDataUrl(p.id) })),
      'voicemail.setListened': (p) => this.act((vm) => vm.setListened(p.id, p.listened)),
      'voicemail.delete': (p) => this.act((vm) => vm.delete(p.id)),
    };
  }

  counters(): Partial<CountersView> {
    return { newVoicemails: this.service?.newCount ?? 0 };
  }

  onLogin(session: LoginSession): Disposable {
    const host = this.host;
    const voicemail = new VoicemailService({
      transport: new VoicemailApi(session.client),
      logger: (level, message) => host.log(level, `[voicemail] ${message}`),
    });
    this.service = voicemail;
    let newVoicemails = 0;
    const refresh = (): void => {
      voicemail.refresh().catch((e: unknown) => host.log('warn', `[voicemail] refresh failed: ${String(e)}`));
    };
    const disposers = [
      voicemail.onDidChange((view) => {
        host.emit('voicemail.onDidChange', view);
        if (view.newCount !== newVoicemails) {
          newVoicemails = view.newCount;
          host.countersChanged();
        }
      }),
      voicemail.onDidReceive((notice) => this.didReceive.fire(notice)),
      session.events.onDidReceive((event) => {
        if (event.type === 'voicemails-changed') refresh();
      }),
      // messages left while the socket was down: fetch at every (re)connection (the first one included)
      session.events.onDidChangeState((state) => {
        if (state === 'open') refresh();
      }),
    ];
    refresh();
    return toDisposable(() => {
      for (const d of disposers) d();
      if (this.service !== voicemail) return;
      this.service = undefined;
      voicemail.dispose();
      if (!host.disposed) {
        host.emit('voicemail.onDidChange', { voicemails: [], newCount: 0, loaded: false });
        host.countersChanged();
      }
    });
  }

  /** A voicemail.* action: 'not-logged-in' without a session, 'not-found' for a message that is gone. */
  private async act<T>(action: (vm: VoicemailService) => Promise<T>): Promise<T> {
    const vm = this.service;
    if (!vm) throw new UcError('not-logged-in', 'log in to use the voicemail');
    try {
      return await action(vm);
    } catch (err) {
      if (err instanceof VoicemailNotFoundError) throw new UcError('not-found', err.message);
      if (err instanceof UcClientError && err.status === 404) {
        throw new UcError('not-found', 'this voice message is gone');
      }
      if (err instanceof UcClientError && err.kind === 'unreachable') {
        throw new UcError('server-unreachable', err.message);
      }
      throw err;
    }
  }
}
