import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCleartextToNetwork, UC_API_DEFAULT_PORT } from '../../../src-preload/contract/platform';
import type { TlsCertificateFiles } from './tls/self-signed-certificate';

/** An ICE server handed to clients at login (RTCIceServer shape). */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/**
 * TURN servers whose credentials the UC server mints per user (TURN REST API, coturn's
 * `use-auth-secret`): the secret shared with the TURN server, and how long credentials last.
 */
export interface TurnConfig {
  urls: string[];
  secret: string;
  ttlS: number;
}

/**
 * Login throttling (SPEC A2: repeated failures back off). Password guesses
 * (`/auth/login`, and the current password of `/auth/password`) are counted
 * per (account, source address), so a third party's failures never lock the
 * real user out from their own address; see features/auth/login-throttle.ts.
 */
export interface LoginLimits {
  /**
   * consecutive failures of one (account, source) before it waits;
   * then baseLockMs * 2^(failures - this), capped at maxLockMs (429 + Retry-After)
   */
  lockAfterFailures: number;
  baseLockMs: number;
  maxLockMs: number;
  /** failed logins from one source (any account) within ipWindowMs before that source gets 429 (spraying) */
  ipMaxFailures: number;
  ipWindowMs: number;
  /**
   * failures of one account (all sources) within accountWindowMs above which every
   * attempt at that account is slowed by accountSlowdownMs — slowed, never refused
   */
  accountMaxFailures: number;
  accountWindowMs: number;
  accountSlowdownMs: number;
}

/** Limits of the live-events WebSocket (WS /api/v1/events). */
export interface LiveEventsLimits {
  /** a socket that has not authenticated (first frame) within this is closed */
  authTimeoutMs: number;
  /** open sockets per account; a new one closes the oldest */
  maxSocketsPerAccount: number;
  /** period of the check that closes sockets of sessions revoked by another process (CLI, another server) */
  sessionSweepMs: number;
}

/**
 * Fastify `trustProxy` (https://fastify.dev/docs/latest/Reference/Server/#trustproxy):
 * false = the TCP peer is the client and X-Forwarded-For is ignored (default);
 * a list of proxy addresses/CIDRs, or true (any peer: only when nothing but
 * the proxy can reach the server).
 */
export type TrustProxy = boolean | string[];

/** Effective configuration of one UC server. */
export interface ServerConfig {
  host: string;
  /** the API's port; HTTPS only (issue 10: no cleartext credentials) */
  port: number;
  /** certificate and key (PEM files) of the API listener; required by startUcServer */
  tls: TlsCertificateFiles | undefined;
  /**
   * Port of the plain-HTTP listener on 127.0.0.1 that answers only Kamailio's
   * call-routing queries (`/api/v1/internal/…`, secret-protected): Kamailio's
   * http_client on the same host, without a CA for the server's certificate.
   * undefined = no such listener; 0 = any free port.
   */
  internalPort: number | undefined;
  /** sqlite:PATH or postgres://... */
  databaseUrl: string;
  /** where generated state lives (token secret, default SQLite file) */
  dataDir: string;
  /** provisioning (SPEC A1) */
  sipWsUrl: string;
  /** SIP domain = digest realm of the HA1 stored for Kamailio */
  sipDomain: string;
  iceServers: IceServer[];
  /** TURN with per-user short-lived credentials (SPEC F5, features/ice); undefined = none */
  turn: TurnConfig | undefined;
  /** HMAC-SHA256 key of the access tokens */
  tokenSecret: Buffer;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  login: LoginLimits;
  liveEvents: LiveEventsLimits;
  /** whose X-Forwarded-For to believe for the client address (login throttling, logs) */
  trustProxy: TrustProxy;
  /**
   * Kamailio's JSON-RPC (`http://HOST:WS_PORT/RPC`, X-RPC-Secret): the presence
   * feature PUBLISHes each user's presence there for plain SIP watchers, and
   * the busy lamps read its registrations and calls; pickup (SPEC D3) posts
   * to the `/pickup/…` route of the same listener. undefined = no SIP
   * presence publishing, lamps follow Kamailio's events only, no pickup (503).
   */
  kamailioRpcUrl: string | undefined;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  lockAfterFailures: 3,
  baseLockMs: 1_000,
  maxLockMs: 15 * 60_000,
  ipMaxFailures: 30,
  ipWindowMs: 10 * 60_000,
  accountMaxFailures: 100,
  accountWindowMs: 10 * 60_000,
  accountSlowdownMs: 2_000,
};

export const DEFAULT_LIVE_EVENTS_LIMITS: LiveEventsLimits = {
  authTimeoutMs: 5_000,
  maxSocketsPerAccount: 8,
  sessionSweepMs: 10_000,
};

/** Repository root (server/src/../..). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.uc-server');
const SECRET_FILE = 'token-secret';

/** Raw settings from flags/env; anything missing gets a default. */
export interface ConfigInput {
  host?: string | undefined;
  port?: string | number | undefined;
  database?: string | undefined;
  dataDir?: string | undefined;
  sipWsUrl?: string | undefined;
  sipDomain?: string | undefined;
  iceServers?: string | undefined;
  /** comma-separated turn:/turns: URLs */
  turnUrls?: string | undefined;
  turnSecret?: string | undefined;
  turnTtlS?: string | number | undefined;
  accessTokenTtlS?: string | number | undefined;
  tokenSecret?: string | undefined;
  trustProxy?: string | undefined;
  maxEventSockets?: string | number | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  internalPort?: string | number | undefined;
  kamailioRpcUrl?: string | undefined;
}

/**
 * Reads UC_SERVER_* environment variables (flags win over them):
 * UC_SERVER_HOST, UC_SERVER_PORT, UC_SERVER_DATABASE, UC_SERVER_DATA_DIR,
 * UC_SERVER_SIP_WS_URL, UC_SERVER_SIP_DOMAIN, UC_SERVER_ICE_SERVERS (JSON),
 * UC_SERVER_ACCESS_TOKEN_TTL_S, UC_SERVER_TOKEN_SECRET (hex, >= 32 bytes),
 * UC_SERVER_TRUST_PROXY (see {@link parseTrustProxy}), UC_SERVER_MAX_EVENT_SOCKETS,
 * UC_SERVER_TLS_CERT and UC_SERVER_TLS_KEY (PEM files), UC_SERVER_INTERNAL_PORT,
 * UC_SERVER_KAMAILIO_RPC_URL, UC_SERVER_TURN_URLS, UC_SERVER_TURN_SECRET, UC_SERVER_TURN_TTL_S.
 */
export function configInputFromEnv(env: NodeJS.ProcessEnv = process.env): ConfigInput {
  return {
    host: env.UC_SERVER_HOST,
    port: env.UC_SERVER_PORT,
    database: env.UC_SERVER_DATABASE,
    dataDir: env.UC_SERVER_DATA_DIR,
    sipWsUrl: env.UC_SERVER_SIP_WS_URL,
    sipDomain: env.UC_SERVER_SIP_DOMAIN,
    iceServers: env.UC_SERVER_ICE_SERVERS,
    turnUrls: env.UC_SERVER_TURN_URLS,
    turnSecret: env.UC_SERVER_TURN_SECRET,
    turnTtlS: env.UC_SERVER_TURN_TTL_S,
    accessTokenTtlS: env.UC_SERVER_ACCESS_TOKEN_TTL_S,
    tokenSecret: env.UC_SERVER_TOKEN_SECRET,
    trustProxy: env.UC_SERVER_TRUST_PROXY,
    maxEventSockets: env.UC_SERVER_MAX_EVENT_SOCKETS,
    tlsCert: env.UC_SERVER_TLS_CERT,
    tlsKey: env.UC_SERVER_TLS_KEY,
    internalPort: env.UC_SERVER_INTERNAL_PORT,
    kamailioRpcUrl: env.UC_SERVER_KAMAILIO_RPC_URL,
  };
}

/** Builds the effective config; throws a message naming the bad setting. */
export function resolveServerConfig(input: ConfigInput = {}, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const dataDir = resolve(input.dataDir ?? DEFAULT_DATA_DIR);
  const host = input.host ?? '127.0.0.1';
  const port = parseIntSetting(input.port, UC_API_DEFAULT_PORT, 'port', 0, 65535);
  const sipDomain = input.sipDomain ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.-]{1,64}$/.test(sipDomain)) throw new Error(`--sip-domain: invalid ${JSON.stringify(sipDomain)}`);
  const sipWsUrl = input.sipWsUrl ?? 'wss://127.0.0.1:8443';
  if (!/^wss?:\/\/\S+$/.test(sipWsUrl)) throw new Error(`--sip-ws-url: expected wss://…, got ${sipWsUrl}`);
  // clients refuse cleartext SIP (the digest, the calls' metadata) to anything but this machine
  if (isCleartextToNetwork(new URL(sipWsUrl)))
    throw new Error(`--sip-ws-url: ws:// is cleartext; use wss:// (ws:// only to a loopback address), got ${sipWsUrl}`);
  const ttlS = parseIntSetting(input.accessTokenTtlS, 15 * 60, 'access-token-ttl-s', 10, 24 * 3600);
  const tlsCert = input.tlsCert || undefined;
  const tlsKey = input.tlsKey || undefined;
  if ((tlsCert === undefined) !== (tlsKey === undefined)) throw new Error('--tls-cert and --tls-key go together');
  const internalPort =
    input.internalPort === undefined || input.internalPort === ''
      ? undefined
      : parseIntSetting(input.internalPort, 0, 'internal-port', 0, 65535);
  const kamailioRpcUrl = input.kamailioRpcUrl || undefined;
  if (kamailioRpcUrl !== undefined && !/^https?:\/\/\S+$/.test(kamailioRpcUrl))
    throw new Error(`--kamailio-rpc-url: expected http://HOST:PORT/RPC, got ${kamailioRpcUrl}`);
  return {
    host,
    port,
    tls: tlsCert && tlsKey ? { certPath: resolve(tlsCert), keyPath: resolve(tlsKey) } : undefined,
    internalPort,
    kamailioRpcUrl,
    databaseUrl: input.database ?? `sqlite:${join(dataDir, 'uc-server.sqlite')}`,
    dataDir,
    sipWsUrl,
    sipDomain,
    iceServers: parseIceServers(input.iceServers),
    turn: parseTurn(input),
    tokenSecret: overrides.tokenSecret ?? loadTokenSecret(input.tokenSecret, dataDir),
    accessTokenTtlMs: ttlS * 1000,
    refreshTokenTtlMs: 30 * 24 * 3600_000,
    login: { ...DEFAULT_LOGIN_LIMITS },
    liveEvents: {
      ...DEFAULT_LIVE_EVENTS_LIMITS,
      maxSocketsPerAccount: parseIntSetting(
        input.maxEventSockets,
        DEFAULT_LIVE_EVENTS_LIMITS.maxSocketsPerAccount,
        'max-event-sockets',
        1,
        1000,
      ),
    },
    trustProxy: parseTrustProxy(input.trustProxy),
    ...overrides,
  };
}

function parseIntSetting(
  value: string | number | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new Error(`--${name}: expected an integer ${min}-${max}, got ${JSON.stringify(value)}`);
  return parsed;
}

/**
 * `--trust-proxy`: unset, `false` or `off` = trust no proxy (default: the
 * TCP peer is the client, X-Forwarded-For is ignored); `ADDR[,ADDR|CIDR…]` =
 * believe X-Forwarded-For only from these proxies (the client address is the
 * first one, from the right, that is not a trusted proxy); `true` = from any peer (only when nothing but the proxy reaches the server,
 * otherwise anyone picks their own address and escapes the login throttle).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === 'off') return false;
  if (text === 'true') return true;
  const list = text.split(',').map((part) => part.trim());
  // IPv4/IPv6 address or CIDR; proxy-addr (Fastify) validates them again at start
  if (list.every((part) => /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(part) && part !== '')) return list;
  throw new Error(`--trust-proxy: expected false, true or proxy addresses/CIDRs, got ${JSON.stringify(value)}`);
}

function parseTurn(input: ConfigInput): TurnConfig | undefined {
  const urls = (input.turnUrls ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  const secret = input.turnSecret ?? '';
  if (urls.length === 0 && secret === '') return undefined;
  if (urls.length === 0 || secret === '') throw new Error('--turn-urls and --turn-secret go together');
  for (const url of urls) {
    if (!/^turns?:\S+$/.test(url)) throw new Error(`--turn-urls: expected turn:host:port, got ${url}`);
  }
  if (secret.length < 16) throw new Error('--turn-secret: at least 16 characters');
  // short-lived: a minute to a day (the client renews before expiry)
  const ttlS = parseIntSetting(input.turnTtlS, 3600, 'turn-ttl-s', 60, 24 * 3600);
  return { urls, secret, ttlS };
}

function parseIceServers(value: string | undefined): IceServer[] {
  if (value === undefined || value === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new Error(`--ice-servers: invalid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'object' && s !== null && 'urls' in s))
    throw new Error('--ice-servers: expected a JSON array of {"urls": …}');
  return parsed as IceServer[];
}

/**
 * The access-token key: given (hex), or read from DATA_DIR/token-secret, or
 * generated there (0600) at first start so tokens survive a restart.
 */
export function loadTokenSecret(hex: string | undefined, dataDir: string): Buffer {
  if (hex !== undefined && hex !== '') {
    if (!/^[0-9a-fA-F]{64,}$/.test(hex)) throw new Error('token secret: expected at least 64 hex characters');
    return Buffer.from(hex, 'hex');
  }
  const file = join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64,}$/.test(stored)) return Buffer.from(stored, 'hex');
    throw new Error(`${file}: not a hex secret; delete it to generate a new one`);
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}
