import { toDisposable, type Disposable } from '../../platform/disposable';
import type { Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { OthersPresence } from './others-presence';
import { PresenceApi } from './presence-api';
import { PresenceService } from './presence-service';

/**
 * The user's own presence (SPEC B1/B3/B6): kept on the UC server, followed
 * through its live events while logged in, null while logged out; and the
 * colleagues' presence the renderer shows (SPEC B4, {@link OthersPresence}).
 */
export class PresenceFeature implements Feature {
  readonly name = 'presence';
  readonly handlers: Partial<Handlers>;
  readonly service: PresenceService;
  /** colleagues' presence (SPEC B4) */
  readonly others: OthersPresence;
  private readonly unsubscribe: () => void;
  private readonly unsubscribeOthers: () => void;

  constructor(host: FeatureHost) {
    this.service = new PresenceService({
      clock: host.clock,
      logger: (level, message) => host.log(level, `[presence] ${message}`),
    });
    this.unsubscribe = this.service.onDidChange((view) => host.emit('presence.onDidChange', view));
    this.others = new OthersPresence({
      clock: host.clock,
      logger: (level, message) => host.log(level, `[presence] ${message}`),
    });
    this.unsubscribeOthers = this.others.onDidChange((change) => host.emit('presence.onDidChangeOthers', change));
    this.handlers = {
      'presence.get': () => this.service.current,
      'presence.set': (p) => this.service.set(p),
      'presence.watch': (p) => this.others.watch(p.numbers),
    };
  }

  onLogin(session: LoginSession): Disposable {
    const api = new PresenceApi(session.client);
    const detachOwn = this.service.attach({
      transport: api,
      live: session.events,
      isOnline: () => session.connection.state === 'online',
    });
    const detachOthers = this.others.attach({ transport: api, live: session.events });
    return toDisposable(() => {
      detachOthers();
      detachOwn();
    });
  }

  dispose(): void {
    this.unsubscribe();
    this.unsubscribeOthers();
  }
}
