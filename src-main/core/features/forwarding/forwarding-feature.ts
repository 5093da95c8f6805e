import { toDisposable, type Disposable } from '../../platform/disposable';
import type { Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { ForwardingApi } from './forwarding-api';
import { ForwardingService } from './forwarding-service';

/**
 * Call forwarding (SPEC J3, B2): the user's rules, kept on the UC server,
 * followed through its live events while logged in, null while logged out.
 */
export class ForwardingFeature implements Feature {
  readonly name = 'forwarding';
  readonly handlers: Partial<Handlers>;
  readonly service: ForwardingService;
  private readonly unsubscribe: () => void;

  constructor(host: FeatureHost) {
    this.service = new ForwardingService({
      clock: host.clock,
      logger: (level, message) => host.log(level, `[forwarding] ${message}`),
    });
    this.unsubscribe = this.service.onDidChange((view) => host.emit('forwarding.onDidChange', view));
    this.handlers = {
      'forwarding.get': () => this.service.current,
      'forwarding.set': (rules) => this.service.set(rules),
      'forwarding.immediateOff': () => this.service.immediateOff(),
    };
  }

  onLogin(session: LoginSession): Disposable {
    const detach = this.service.attach({
      transport: new ForwardingApi(session.client),
      live: session.events,
      isOnline: () => session.connection.state === 'online',
    });
    return toDisposable(detach);
  }

  dispose(): void {
    this.unsubscribe();
    this.service.dispose();
  }
}
