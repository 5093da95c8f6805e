import type { IceServerView } from '../../../../src-preload/contract/calls/voip-ipc';
import { ICE_SERVER_URL } from '../../../../src-preload/contract/calls/voip-ipc';
import type { IceServer } from '../../../../src-preload/contract/media-contract';
import { UcError } from '../../platform/ipc/uc-error';

/** A STUN/TURN server the user added (Settings > VoIP, SPEC F5). */
export interface UserIceServer {
  url: string;
  username?: string;
  credential?: string;
}

/** Where the user's servers are kept: an internal value of the user's settings. */
export interface IceServerStore {
  getInternal(key: string): unknown;
  setInternal(key: string, value: unknown): void;
}

const KEY = 'iceServers';
/** Enough for any real set-up; the media host takes at most 16 in all. */
const MAX_USER_SERVERS = 8;

/**
 * The user's STUN/TURN servers next to the ones the UC server provisions (SPEC F5, issue #15).
 * A server is one URL (RFC 7064 `stun:`/`stuns:`, RFC 7065 `turn:`/`turns:`); a TURN server needs a
 * user name and a credential. The same URL twice (user or provisioned) is refused, and so is
 * removing a provisioned one. Stored as a JSON array; a damaged value reads as none.
 */
export class IceServers {
  constructor(
    private readonly store: () => IceServerStore | undefined,
    private readonly provisioned: () => readonly IceServer[],
  ) {}

  /** The user's servers, then the provisioned ones (read-only); credentials are not shown. */
  list(): IceServerView[] {
    const user = this.userServers().map((s) => view(s, false));
    const server = this.provisioned().flatMap((s) =>
      urlsOf(s).map((url) => view({ url, ...(s.username !== undefined ? { username: s.username } : {}) }, true)),
    );
    return [...user, ...server];
  }

  /** What the media host gets: the provisioned servers first, then the user's. */
  forCalls(): IceServer[] {
    return [
      ...this.provisioned(),
      ...this.userServers().map((s) => ({
        urls: s.url,
        ...(s.username !== undefined ? { username: s.username } : {}),
        ...(s.credential !== undefined ? { credential: s.credential } : {}),
      })),
    ];
  }

  /**
   * @throws UcError `invalid-ice-server` (not a STUN/TURN URI, TURN without credentials, too many),
   *   `duplicate-ice-server` (already listed), `not-logged-in` (no user to keep it for)
   */
  add(input: UserIceServer): IceServerView[] {
    const store = this.store();
    if (!store) throw new UcError('not-logged-in', 'ICE servers are kept per user: log in first');
    const url = input.url.trim();
    if (!ICE_SERVER_URL.test(url) || !validPort(url)) {
      throw new UcError('invalid-ice-server', `not a STUN/TURN server URL: ${url.slice(0, 80)}`, ['url']);
    }
    const turn = /^turns?:/i.test(url);
    const username = input.username?.trim() || undefined;
    const credential = input.credential || undefined;
    if (turn && (username === undefined || credential === undefined)) {
      throw new UcError('invalid-ice-server', 'a TURN server needs a user name and a credential', ['credentials']);
    }
    if (this.list().some((s) => sameUrl(s.url, url))) {
      throw new UcError('duplicate-ice-server', `${url} is already listed`);
    }
    const current = this.userServers();
    if (current.length >= MAX_USER_SERVERS) {
      throw new UcError('invalid-ice-server', `at most ${MAX_USER_SERVERS} servers`, ['too-many']);
    }
    const server: UserIceServer = turn ? { url, username: username!, credential: credential! } : { url };
    store.setInternal(KEY, [...current, server]);
    return this.list();
  }

  /** @throws UcError `not-found` for a provisioned server or one not listed */
  remove(url: string): IceServerView[] {
    const store = this.store();
    const current = this.userServers();
    const kept = current.filter((s) => !sameUrl(s.url, url));
    if (!store || kept.length === current.length) {
      throw new UcError('not-found', `${url.slice(0, 80)} is not one of your servers (provisioned ones stay)`);
    }
    store.setInternal(KEY, kept);
    return this.list();
  }

  private userServers(): UserIceServer[] {
    const raw = this.store()?.getInternal(KEY);
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (s): s is UserIceServer =>
        typeof s === 'object' &&
        s !== null &&
        typeof (s as UserIceServer).url === 'string' &&
        ICE_SERVER_URL.test((s as UserIceServer).url),
    );
  }
}

function view(s: { url: string; username?: string }, provisioned: boolean): IceServerView {
  return { url: s.url, ...(s.username !== undefined ? { username: s.username } : {}), provisioned };
}

function urlsOf(s: IceServer): string[] {
  return typeof s.urls === 'string' ? [s.urls] : [...s.urls];
}

function validPort(url: string): boolean {
  const port = /:(\d{1,5})(\?|$)/.exec(url.replace(/^\w+:/, ''))?.[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65_535);
}

/** Scheme and host compare without case (RFC 3986 §6.2.2.1). */
function sameUrl(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
