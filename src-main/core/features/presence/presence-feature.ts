import { toDisposable, type Disposable } from '../../platform/disposable';
import type { Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { PresenceApi } from './presence-api';
import { PresenceService } from './presence-service';

/**
 * The user's own presence (SPEC B1/B3/B6): kept on the UC server, followed
 * through its live events while logged in, null while logged out.
 */
export class PresenceFeature implements Feature {
  readonly name = 'presence';
  readonly handlers: Partial<Handlers>;
  readonly service: PresenceService;
  private readonly unsubscribe: () => void;

  constructor(host: FeatureHost) {
    this.service = new PresenceService({
      clock: host.clock,
      logger: (level, message) => host.log(level, `[presence] ${message}`),
    });
    this.unsubscribe = this.service.onDidChange((view) => host.emit('presence.onDidChange', view));
    this.handlers = {
      'presence.get': () => this.service.current,
      'presence.set': (p) => this.service.set(p),
    };
  }

  onLogin(session: LoginSession): Disposable {
    return toDisposable(
      this.service.attach({
        transport: new PresenceApi(session.client),
        live: session.events,
        isOnline: () => session.connection.state === 'online',
      }),
    );
  }

  dispose(): void {
    this.unsubscribe();
  }
}
