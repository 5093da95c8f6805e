/**
 * A small, real HTTP + WebSocket UC server on 127.0.0.1 for unit tests of the
 * client side (no module mocks): the API of server/api/uc-server-api.ts with
 * in-memory accounts, tokens, a per-server change feed, personal contacts with
 * Idempotency-Key replay, and WS /events. Knobs let a test break replies.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Change, DirectoryEntry } from '../../src-preload/contract/directory/directory-http';
import type { ContactFields } from '../../src-preload/contract/directory/contact-fields';
import type { LoginResponse, Provisioning } from '../../src-preload/contract/session/session-http';
import { brokenPasswordRules } from '../../src-preload/contract/session/password-policy';
import { LIVE_EVENTS_CLOSE } from '../../src-preload/contract/platform/live-events';

export interface FakeAccount {
  number: string;
  password: string;
  displayName: string;
  mustChangePassword?: boolean;
}

export interface FakeUcServerOptions {
  accounts?: FakeAccount[];
  /** access token lifetime (default 1 h) */
  accessTtlMs?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: unknown) => void;

export class FakeUcServer {
  readonly accounts = new Map<string, FakeAccount & { failed: number; lastFailedAt?: number }>();
  /** every request as "METHOD /path" (query stripped) */
  readonly requests: string[] = [];
  /** the URL (path and query) of every WS upgrade */
  readonly upgradeUrls: string[] = [];
  /** Idempotency-Key of each contacts mutation received, in order */
  readonly idempotencyKeys: string[] = [];
  readonly feed: Change[] = [];
  readonly contacts = new Map<string, DirectoryEntry>();
  /** replace the reply of a route ("POST /auth/login") with a raw one */
  readonly overrides = new Map<string, { status: number; body: string; times?: number }>();
  /** delay before answering, ms */
  delayMs = 0;
  /** refuse logins with 429 after this many consecutive failures */
  maxFailures = 5;
  provisioning: Provisioning = {
    sipWsUrl: 'ws://127.0.0.1:9/sip',
    sipDomain: '127.0.0.1',
    sipUser: '',
    sipPassword: '',
    iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
  };
  /** GET /me/ice-servers: what it answers (by user and request count) and when those credentials expire */
  iceServersFor: (user: string, request: number) => Provisioning['iceServers'] = () => this.provisioning.iceServers;
  iceExpiresAt: number | null = null;
  iceServerRequests = 0;
  private readonly access = new Map<string, { user: string; expiresAt: number; limited: boolean }>();
  private readonly refresh = new Map<string, string>();
  private readonly idem = new Map<string, { status: number; body: unknown }>();
  private readonly sockets = new Set<Socket>();
  private readonly wsClients = new Set<WebSocket>();
  /** bumped by each password change: the SIP secret rotates with it, like on the real server */
  private readonly sipSecretGeneration = new Map<string, number>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private port = 0;
  private revision = 0;

  constructor(private readonly options: FakeUcServerOptions = {}) {
    for (const a of options.accounts ?? [
      { number: '100', password: 'Welcome100!', displayName: 'Alice Martin' },
      { number: '102', password: 'Welcome102!', displayName: 'Chloé Müller', mustChangePassword: true },
    ]) {
      this.accounts.set(a.number, { ...a, failed: 0 });
    }
  }

  /**
   * What to type on the login screen: an explicit `http://` URL, the one
   * cleartext the client accepts (loopback only, issue 10); a bare host:port
   * means https:// and this fake speaks plain HTTP.
   */
  get address(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/v1`;
  }

  get eventsClients(): number {
    return this.wsClients.size;
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.upgradeUrls.push(req.url ?? '');
      if (url.pathname !== '/api/v1/events') {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      // like the real server: the token comes in the first frame, never in the URL
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.once('message', (data) => {
          let token = '';
          try {
            const frame = JSON.parse(String(data)) as { type?: unknown; accessToken?: unknown };
            if (frame.type === 'auth' && typeof frame.accessToken === 'string') token = frame.accessToken;
          } catch {
            // refused below
          }
          const session = this.access.get(token);
          if (!session || session.expiresAt < Date.now()) {
            ws.close(LIVE_EVENTS_CLOSE.unauthorized, 'invalid or expired access token');
            return;
          }
          this.wsClients.add(ws);
          ws.on('close', () => this.wsClients.delete(ws));
          ws.send(JSON.stringify({ type: 'ready' }));
        });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.wss = wss;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Stops listening and cuts every connection (a crash, as seen by clients). */
  async stop(): Promise<void> {
    for (const ws of this.wsClients) ws.terminate();
    this.wsClients.clear();
    for (const s of this.sockets) s.destroy();
    this.wss?.close();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Starts again on the same port. */
  restart(): Promise<void> {
    return this.start(this.port);
  }

  /** Sends a raw frame to every events client. */
  broadcast(frame: unknown): void {
    const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
    for (const ws of this.wsClients) ws.send(text);
  }

  /** Adds a change to the feed as another client or an admin import would (and pushes `changed`). */
  serverUpsert(entry: DirectoryEntry): void {
    if (entry.source === 'personal') this.contacts.set(entry.id, entry);
    this.pushChange({ op: 'upsert', id: entry.id, entry });
  }

  serverDelete(id: string): void {
    this.contacts.delete(id);
    this.pushChange({ op: 'delete', id });
  }

  /** Revokes every refresh and access token (e.g. the admin logged the user out everywhere). */
  revokeAll(): void {
    this.refresh.clear();
    this.access.clear();
  }

  /** Ends every session like a password change elsewhere: tokens revoked, live sockets closed with `sessionEnded`. */
  endSessions(): void {
    this.revokeAll();
    for (const ws of this.wsClients) ws.close(LIVE_EVENTS_CLOSE.sessionEnded, 'session ended: password-changed');
  }

  /** Expires every access token (the next authenticated request gets 401). */
  expireAccessTokens(): void {
    for (const t of this.access.values()) t.expiresAt = 0;
  }

  private pushChange(c: Omit<Change, 'revision'>): number {
    this.revision++;
    this.feed.push({ ...c, revision: this.revision } as Change);
    this.broadcast({ type: 'changed', revision: this.revision });
    return this.revision;
  }

  // ------------------------------------------------------------ HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const route = `${req.method} ${url.pathname.replace(/^\/api\/v1/, '')}`;
    this.requests.push(route);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const key = route.replace(/^(PATCH|DELETE) \/contacts\/[^/]+$/, '$1 /contacts/:id');
    const override = this.overrides.get(key);
    if (override) {
      if (override.times !== undefined && --override.times <= 0) this.overrides.delete(key);
      res.writeHead(override.status, { 'content-type': 'application/json' }).end(override.body);
      return;
    }
    let body: unknown;
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    } catch {
      return this.error(res, 400, 'invalid-request', 'body is not JSON');
    }
    const handler = this.route(route, url);
    if (!handler) return this.error(res, 404, 'not-found', `no route ${route}`);
    handler(req, res, body);
  }

  private route(route: string, url: URL): Handler | undefined {
    if (route === 'POST /auth/login') return (_q, r, b) => this.login(r, b as { user: string; password: string });
    if (route === 'POST /auth/refresh') return (_q, r, b) => this.doRefresh(r, b as { refreshToken: string });
    if (route === 'POST /auth/logout')
      return (_q, r, b) => {
        this.refresh.delete((b as { refreshToken: string }).refreshToken);
        r.writeHead(204).end();
      };
    if (route === 'POST /auth/password') return (q, r, b) => this.password(q, r, b as Record<string, string>);
    if (route === 'GET /me')
      return (q, r) =>
        this.authed(q, r, (user) =>
          this.json(r, 200, { account: this.accountInfo(user), provisioning: this.prov(user) }),
        );
    if (route === 'GET /me/ice-servers')
      return (q, r) =>
        this.authed(q, r, (user) => {
          this.iceServerRequests++;
          this.json(r, 200, {
            iceServers: this.iceServersFor(user, this.iceServerRequests),
            expiresAt: this.iceExpiresAt,
          });
        });
    if (route === 'GET /changes')
      return (q, r) =>
        this.authed(q, r, () => {
          const since = Number(url.searchParams.get('since') ?? 0);
          const limit = Number(url.searchParams.get('limit') ?? 100);
          const after = this.feed.filter((c) => c.revision > since);
          const page = after.slice(0, limit);
          const hasMore = after.length > limit;
          const revision = hasMore ? page[page.length - 1]!.revision : this.revision;
          this.json(r, 200, { changes: page, revision, hasMore });
        });
    if (route === 'POST /contacts')
      return (q, r, b) => this.mutate(q, r, () => this.create(b as { id: string; fields: ContactFields }));
    const m = /^(PATCH|DELETE) \/contacts\/(.+)$/.exec(route);
    if (m && m[2] !== 'import') {
      const id = decodeURIComponent(m[2]!);
      if (m[1] === 'PATCH')
        return (q, r, b) => this.mutate(q, r, () => this.patch(id, (b as { fields: ContactFields }).fields));
      return (q, r) => this.mutate(q, r, () => this.remove(id));
    }
    if (route === 'POST /contacts/import')
      return (q, r) =>
        this.authed(q, r, () => {
          const entry = this.personal(randomUUID(), { lastName: 'Imported' });
          const revision = this.pushChange({ op: 'upsert', id: entry.id, entry });
          this.contacts.set(entry.id, entry);
          this.json(r, 200, {
            report: { imported: 1, updated: 0, skipped: [{ row: 3, reason: 'no name' }] },
            revision,
          });
        });
    return undefined;
  }

  private login(res: ServerResponse, body: { user: string; password: string }): void {
    const account = this.accounts.get(body?.user);
    if (account && account.failed >= this.maxFailures) {
      return this.error(res, 429, 'too-many-attempts', 'too many failed attempts', { retryAfterS: 30 });
    }
    if (!account || account.password !== body.password) {
      if (account) {
        account.failed++;
        account.lastFailedAt = Date.now();
      }
      return this.error(res, 401, 'invalid-credentials', 'wrong user or password');
    }
    const failedAttempts = { count: account.failed, ...(account.lastFailedAt ? { lastAt: account.lastFailedAt } : {}) };
    account.failed = 0;
    const tokens = this.issue(account.number, account.mustChangePassword === true);
    const reply: LoginResponse = {
      ...tokens,
      account: this.accountInfo(account.number),
      mustChangePassword: account.mustChangePassword === true,
      failedAttempts,
      ...(account.mustChangePassword ? {} : { provisioning: this.prov(account.number) }),
    };
    this.json(res, 200, reply);
  }

  private doRefresh(res: ServerResponse, body: { refreshToken: string }): void {
    const user = this.refresh.get(body?.refreshToken);
    if (!user) return this.error(res, 401, 'unauthorized', 'refresh token revoked or unknown');
    this.refresh.delete(body.refreshToken); // rotation
    const account = this.accounts.get(user)!;
    this.json(res, 200, this.issue(user, account.mustChangePassword === true));
  }

  private password(req: IncomingMessage, res: ServerResponse, body: Record<string, string>): void {
    this.authed(
      req,
      res,
      (user) => {
        const account = this.accounts.get(user)!;
        if (body['currentPassword'] !== account.password) {
          return this.error(res, 400, 'wrong-current-password', 'the current password is wrong');
        }
        const broken = brokenPasswordRules(body['newPassword'] ?? '');
        if (broken.length) return this.error(res, 400, 'weak-password', 'weak password', { rules: broken });
        account.password = body['newPassword']!;
        account.mustChangePassword = false;
        this.sipSecretGeneration.set(user, (this.sipSecretGeneration.get(user) ?? 0) + 1);
        this.json(res, 200, { ...this.issue(user, false), provisioning: this.prov(user) });
      },
      true,
    );
  }

  private mutate(req: IncomingMessage, res: ServerResponse, run: () => { status: number; body: unknown }): void {
    this.authed(req, res, (user) => {
      const key = String(req.headers['idempotency-key'] ?? '');
      this.idempotencyKeys.push(key);
      const stored = this.idem.get(`${user}|${key}`);
      if (stored) return this.json(res, stored.status, stored.body);
      const reply = run();
      if (key) this.idem.set(`${user}|${key}`, reply);
      this.json(res, reply.status, reply.body);
    });
  }

  private create(body: { id: string; fields: ContactFields }): { status: number; body: unknown } {
    const id = `personal:${body.id}`;
    if (this.contacts.has(id)) return { status: 409, body: { error: 'conflict', message: 'exists' } };
    if (body.fields.email === 'refuse@example.com') {
      return { status: 400, body: { error: 'invalid-request', message: 'refused by the fake' } };
    }
    const entry = this.personal(body.id, body.fields);
    this.contacts.set(id, entry);
    const revision = this.pushChange({ op: 'upsert', id, entry });
    return { status: 201, body: { entry, revision } };
  }

  private patch(id: string, fields: ContactFields): { status: number; body: unknown } {
    const current = this.contacts.get(id);
    if (!current) return { status: 404, body: { error: 'not-found', message: `no contact ${id}` } };
    const merged = { ...valuesOf(current), ...fields };
    const entry = this.personal(id.replace(/^personal:/, ''), merged);
    this.contacts.set(id, entry);
    const revision = this.pushChange({ op: 'upsert', id, entry });
    return { status: 200, body: { entry, revision } };
  }

  private remove(id: string): { status: number; body: unknown } {
    if (!this.contacts.has(id)) return { status: 404, body: { error: 'not-found', message: `no contact ${id}` } };
    this.contacts.delete(id);
    const revision = this.pushChange({ op: 'delete', id });
    return { status: 200, body: { revision } };
  }

  private personal(uuid: string, f: ContactFields): DirectoryEntry {
    const name = [f.firstName, f.lastName].filter(Boolean).join(' ');
    const numbers = (['business', 'mobile', 'private', 'other'] as const)
      .filter((k) => f[k])
      .map((kind) => ({ kind, number: f[kind]! }));
    return {
      id: `personal:${uuid}`,
      source: 'personal',
      displayName: name || f.company || '',
      ...(f.firstName ? { firstName: f.firstName } : {}),
      ...(f.lastName ? { lastName: f.lastName } : {}),
      ...(f.company ? { company: f.company } : {}),
      ...(f.email ? { email: f.email } : {}),
      numbers,
      handEdited: true,
      updatedAt: Date.now(),
    };
  }

  private authed(req: IncomingMessage, res: ServerResponse, run: (user: string) => void, allowLimited = false): void {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const session = this.access.get(token);
    if (!session || session.expiresAt < Date.now()) return this.error(res, 401, 'unauthorized', 'token expired');
    if (session.limited && !allowLimited) {
      return this.error(res, 403, 'password-change-required', 'change the password first');
    }
    run(session.user);
  }

  private issue(user: string, limited: boolean) {
    const accessToken = randomUUID();
    const refreshToken = randomUUID();
    const accessExpiresAt = Date.now() + (this.options.accessTtlMs ?? 3_600_000);
    this.access.set(accessToken, { user, expiresAt: accessExpiresAt, limited });
    this.refresh.set(refreshToken, user);
    return { accessToken, accessExpiresAt, refreshToken };
  }

  private accountInfo(user: string) {
    const a = this.accounts.get(user)!;
    return { number: a.number, displayName: a.displayName };
  }

  /** the account's SIP secret: never its password (issue #10), a new one after each password change */
  sipSecretOf(user: string): string {
    return `sip-secret-${user}-${this.sipSecretGeneration.get(user) ?? 0}`;
  }

  private prov(user: string): Provisioning {
    // like the real server: a SIP secret of the account, never its password (issue #10)
    return { ...this.provisioning, sipUser: user, sipPassword: this.sipSecretOf(user) };
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private error(res: ServerResponse, status: number, error: string, message: string, extra: object = {}): void {
    this.json(res, status, { error, message, ...extra });
  }
}

function valuesOf(e: DirectoryEntry): ContactFields {
  const num = (k: string) => e.numbers.find((n) => n.kind === k)?.number;
  const out: ContactFields = {};
  if (e.firstName) out.firstName = e.firstName;
  if (e.lastName) out.lastName = e.lastName;
  if (e.company) out.company = e.company;
  if (e.email) out.email = e.email;
  for (const k of ['business', 'mobile', 'private', 'other'] as const) {
    const n = num(k);
    if (n) out[k] = n;
  }
  return out;
}
