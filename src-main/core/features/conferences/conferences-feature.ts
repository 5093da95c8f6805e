import {
  conferenceListSchema,
  conferenceSchema,
  type ConferencesView,
  type NewConference,
  type NewConferenceParticipant,
} from '../../../../src-preload/contract/conferences';
import { toDisposable, type Disposable } from '../../platform/disposable';
import type { Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import { UcClientError } from '../../platform/uc/uc-client-error';
import type { UcHttpClient } from '../../platform/uc/uc-http-client';

const EMPTY: ConferencesView = { conferences: [], loaded: false };

/**
 * The user's conferences (SPEC I1–I6): the UC server's list, fetched at login, at every
 * reconnection of the events socket and on every `conferences-changed`; each change is a
 * request to the server, after which the list is fetched again (single flight).
 */
export class ConferencesFeature implements Feature {
  readonly name = 'conferences';
  readonly handlers: Partial<Handlers>;
  private client: UcHttpClient | undefined;
  private view: ConferencesView = EMPTY;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly host: FeatureHost) {
    const path = (id: number, rest = ''): string => `/conferences/${id}${rest}`;
    this.handlers = {
      'conferences.list': () => this.view,
      'conferences.create': (p) => this.change('POST', '/conferences', p satisfies NewConference),
      'conferences.rename': (p) => this.change('PATCH', path(p.id), { name: p.name }),
      'conferences.setGuestPin': (p) => this.change('PATCH', path(p.id), { guestPinEnabled: p.enabled }),
      'conferences.delete': (p) => this.change('DELETE', path(p.id)),
      'conferences.addParticipant': (p) =>
        this.change('POST', path(p.id, '/participants'), p.participant satisfies NewConferenceParticipant),
      'conferences.removeParticipant': (p) => this.change('DELETE', path(p.id, `/participants/${p.participantId}`)),
      'conferences.disconnect': (p) => this.change('POST', path(p.id, `/participants/${p.participantId}/disconnect`)),
      'conferences.end': (p) => this.change('POST', path(p.id, '/end')),
      'conferences.setModerator': (p) =>
        this.change('PATCH', path(p.id, `/participants/${p.participantId}`), { moderator: p.moderator }),
    };
  }

  onLogin(session: LoginSession): Disposable {
    this.client = session.client;
    const disposers = [
      session.events.onDidReceive((event) => {
        if (event.type === 'conferences-changed') void this.refresh();
      }),
      session.events.onDidChangeState((state) => {
        if (state === 'open') void this.refresh();
      }),
    ];
    void this.refresh();
    return toDisposable(() => {
      for (const d of disposers) d();
      if (this.client !== session.client) return;
      this.client = undefined;
      this.view = EMPTY;
      if (!this.host.disposed) this.host.emit('conferences.onDidChange', EMPTY);
    });
  }

  /** Fetches the list (single flight, one more round when asked meanwhile); failures are logged. */
  private refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      for (let round = 0; round < 10; round += 1) {
        this.again = false;
        const client = this.client;
        if (!client) return;
        try {
          const list = await client.request('GET', '/conferences', {}, conferenceListSchema);
          if (this.client !== client) return;
          this.view = { conferences: list.conferences, loaded: true };
          this.host.emit('conferences.onDidChange', this.view);
        } catch (err) {
          this.host.log('warn', `[conferences] refresh failed: ${String(err)}`);
        }
        if (!this.again) return;
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async change(method: string, path: string, body?: unknown): Promise<ConferencesView> {
    const client = this.client;
    if (!client) throw new UcError('not-logged-in', 'log in to use conferences');
    try {
      if (method === 'DELETE' && !path.includes('/participants/')) {
        // 204 without a body; a room already gone counts as deleted
        await client.requestBinary(method, path, { accept: 'application/json' });
      } else {
        await client.request(method, path, body === undefined ? {} : { body }, conferenceSchema);
      }
    } catch (err) {
      if (err instanceof UcClientError) {
        if (err.kind === 'unreachable') throw new UcError('server-unreachable', err.message);
        if (err.status === 404) throw new UcError('not-found', err.message);
        if (err.status === 403) throw new UcError('invalid-state', err.message);
        if (err.status === 400) throw new UcError('invalid-payload', err.message);
      }
      throw err;
    }
    await this.refresh();
    return this.view;
  }
}
