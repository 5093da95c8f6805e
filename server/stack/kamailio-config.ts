import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Template shipped in the repo; placeholders look like `{{WS_PORT}}`. */
export const KAMAILIO_TEMPLATE_PATH = fileURLToPath(new URL('../kamailio/kamailio.cfg', import.meta.url));

/** Values substituted into the Kamailio template for one run. */
export interface KamailioConfigValues {
  /** Address every socket binds to (tests: always 127.0.0.1). */
  readonly host: string;
  readonly wsPort: number;
  readonly udpPort: number;
  /** Secure WebSocket port; undefined = no TLS listener. */
  readonly wssPort?: number | undefined;
  /** SIP over TLS (RFC 3261 §26.2, desk phones; 5061 in dev); undefined = none. SIP over TCP is always on udpPort. */
  readonly sipTlsPort?: number | undefined;
  readonly dbPath: string;
  /** SQLite db with `subscriber` (HA1) for auth_db; default dbPath. The UC server's db under `npm run stack`. */
  readonly authDbPath?: string | undefined;
  /** Digest realm the HA1s were computed with; default host. */
  readonly sipRealm?: string | undefined;
  readonly ctlSocket: string;
  /** Required when wssPort or sipTlsPort is set. */
  readonly tlsCfgPath?: string | undefined;
  /** Kamailio `debug=` level: 1 warnings, 2 info, 3 debug. */
  readonly debugLevel?: number | undefined;
  /** Extra preprocessor defines. */
  readonly defines?: readonly string[] | undefined;
  /**
   * rtpengine's ng control socket (`udp:127.0.0.1:PORT`, RtpengineProcess.ngSocket): turns
   * on WITH_RTPENGINE, the WebRTC <-> plain RTP bridge (issue #12). Absent: no media relay, so plain
   * SIP devices cannot talk to WebRTC ones.
   */
  readonly rtpengineSocket?: string | undefined;
  /**
   * usrloc's reachability check: every `intervalS` an OPTIONS goes to each
   * contact; one silent for `timeoutS` is removed. Defaults {@link DEFAULT_CONTACT_KEEPALIVE};
   * the short soak scales them down.
   */
  readonly contactKeepAlive?: { readonly intervalS: number; readonly timeoutS: number } | undefined;
  /**
   * The UC server's call-routing endpoint and the secret Kamailio sends with
   * its queries (route[CALL_ROUTING]: do not disturb…); absent: calls ring as
   * registered (the SIP-only test stack).
   */
  readonly callRouting?:
    | {
        readonly url: string;
        readonly watchUrl: string;
        /** where route[LAMPS_DRAIN] POSTs the dialog and reg events of the busy lamps */
        readonly lineEventsUrl: string;
        /** where route[SIP_MESSAGE] POSTs each SIP MESSAGE to one of our users (stored as an instant message) */
        readonly sipMessageUrl: string;
        readonly secret: string;
      }
    | undefined;
  /** X-RPC-Secret the JSON-RPC endpoint requires (hex); random when omitted (nobody may call it then) */
  readonly rpcSecret?: string | undefined;
  /** failed SIP logins from one source before it is banned for 15 min (default {@link DEFAULT_AUTH_FAIL_LIMIT}) */
  readonly authFailLimit?: number | undefined;
  /** browser origins allowed to open SIP over WebSocket, e.g. https://phone.example.com (default none) */
  readonly wsAllowedOrigins?: readonly string[] | undefined;
}

/** Failed SIP logins from one source IP (within 10 min) before it is banned. */
export const DEFAULT_AUTH_FAIL_LIMIT = 10;

/** usrloc pings every 15 s; a contact silent for 30 s is dropped (after 10 s more of grace; see kamailio.cfg, ka_mode). */
export const DEFAULT_CONTACT_KEEPALIVE = { intervalS: 15, timeoutS: 30 } as const;

// binrpc unix socket paths are limited by sockaddr_un.sun_path (108 bytes incl. NUL)
const MAX_UNIX_SOCKET_PATH = 107;

/**
 * Renders the template into an effective config. Throws on invalid values or if
 * a placeholder stays unreplaced (a template/renderer mismatch must fail loudly,
 * not start a Kamailio listening on "{{WS_PORT}}").
 */
export function renderKamailioConfig(
  values: KamailioConfigValues,
  template = readFileSync(KAMAILIO_TEMPLATE_PATH, 'utf8'),
): string {
  validate(values);
  const defines = [...(values.defines ?? [])];
  if (values.wssPort !== undefined) defines.push('WITH_TLS');
  if (values.sipTlsPort !== undefined) defines.push('WITH_SIP_TLS');
  // the tls module, for WSS or SIP over TLS (the cfg preprocessor has no "or")
  if (values.wssPort !== undefined || values.sipTlsPort !== undefined) defines.push('WITH_TLS_MODULE');
  if (values.callRouting !== undefined) defines.push('WITH_CALL_ROUTING');
  if (values.rtpengineSocket !== undefined) defines.push('WITH_RTPENGINE');
  const replacements: Record<string, string> = {
    DEFINES: defines.map((name) => `#!define ${name}`).join('\n'),
    HOST: values.host,
    WS_PORT: String(values.wsPort),
    UDP_PORT: String(values.udpPort),
    // without TLS the xhttp port check compares against the WS port twice
    WSS_PORT: String(values.wssPort ?? values.wsPort),
    SIP_TLS_PORT: String(values.sipTlsPort ?? values.udpPort),
    ALIASES: kamailioAliases(values),
    DB_PATH: values.dbPath,
    AUTH_DB_PATH: values.authDbPath ?? values.dbPath,
    SIP_REALM: values.sipRealm ?? values.host,
    CTL_SOCKET: values.ctlSocket,
    TLS_CFG_PATH: values.tlsCfgPath ?? '',
    DEBUG_LEVEL: String(values.debugLevel ?? 2),
    UL_TIMER_INTERVAL: String((values.contactKeepAlive ?? DEFAULT_CONTACT_KEEPALIVE).intervalS),
    UL_KA_TIMEOUT: String((values.contactKeepAlive ?? DEFAULT_CONTACT_KEEPALIVE).timeoutS),
    ROUTING_URL: values.callRouting?.url ?? '',
    ROUTING_SECRET: values.callRouting?.secret ?? '',
    WATCH_POLICY_URL: values.callRouting?.watchUrl ?? '',
    LINE_EVENTS_URL: values.callRouting?.lineEventsUrl ?? '',
    SIP_MESSAGE_URL: values.callRouting?.sipMessageUrl ?? '',
    RPC_SECRET: values.rpcSecret ?? randomBytes(32).toString('hex'),
    AUTH_FAIL_LIMIT: String(values.authFailLimit ?? DEFAULT_AUTH_FAIL_LIMIT),
    WS_ALLOWED_ORIGINS: originsRegex(values.wsAllowedOrigins ?? []),
    // only read under WITH_RTPENGINE
    RTPENGINE_SOCK: values.rtpengineSocket ?? '',
  };
  const rendered = template.replace(/\{\{([A-Z_]+)\}\}/g, (match, name: string) => {
    const value = replacements[name];
    if (value === undefined) throw new Error(`Kamailio template: unknown placeholder ${match}`);
    return value;
  });
  const left = /\{\{[^}]*\}\}/.exec(rendered);
  if (left) throw new Error(`Kamailio template: placeholder ${left[0]} left unreplaced`);
  return rendered;
}

/** The names of our SIP domain: the host and the dev names clients may use for it. */
export const SIP_DOMAIN_ALIASES = ['127.0.0.1', 'localhost', 'uc.test'] as const;

/** What a SIP URI without a port means (RFC 3261 §19.1.2): 5060 for sip:, 5061 for sips:. */
const DEFAULT_SIP_PORTS = [5060, 5061] as const;

/**
 * `alias=` lines: each name of our domain with each port we listen on, and with 5060/5061 (what
 * `uri == myself` checks a URI without a port as). Never a port-less alias: it would match every
 * port of the host, and a phone on the proxy's own host would be taken for the proxy (issue #12).
 */
export function kamailioAliases(
  values: Pick<KamailioConfigValues, 'host' | 'udpPort' | 'wsPort' | 'wssPort' | 'sipTlsPort'>,
): string {
  const names = [...new Set([values.host, ...SIP_DOMAIN_ALIASES])];
  const ports = [
    ...new Set(
      [values.udpPort, values.wsPort, values.wssPort, values.sipTlsPort, ...DEFAULT_SIP_PORTS].filter(
        (port): port is number => port !== undefined,
      ),
    ),
  ];
  return names.flatMap((name) => ports.map((port) => `alias=${name}:${port}`)).join('\n');
}

/** An anchored POSIX regex matching exactly these origins (or nothing when there are none). */
function originsRegex(origins: readonly string[]): string {
  if (origins.length === 0) return '^$';
  return `^(${origins.map((o) => o.replace(/[.]/g, '[.]')).join('|')})$`;
}

function validate(values: KamailioConfigValues): void {
  if (!/^[0-9.]+$|^[A-Za-z0-9.-]+$/.test(values.host)) throw new Error(`Invalid host ${JSON.stringify(values.host)}`);
  if (values.sipRealm !== undefined && !/^[A-Za-z0-9.-]{1,64}$/.test(values.sipRealm))
    throw new Error(`Invalid sipRealm ${JSON.stringify(values.sipRealm)}`);
  const ports: Array<[string, number | undefined]> = [
    ['wsPort', values.wsPort],
    ['udpPort', values.udpPort],
    ['wssPort', values.wssPort],
    ['sipTlsPort', values.sipTlsPort],
  ];
  for (const [name, port] of ports) {
    if (port === undefined) continue;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Invalid ${name} ${port}`);
  }
  if (values.wssPort !== undefined && values.wssPort === values.wsPort) {
    throw new Error(`wssPort and wsPort must differ (both ${values.wsPort})`);
  }
  if (values.wssPort !== undefined && !values.tlsCfgPath) throw new Error('tlsCfgPath is required with wssPort');
  if (values.sipTlsPort !== undefined && !values.tlsCfgPath) throw new Error('tlsCfgPath is required with sipTlsPort');
  const listening = [values.wsPort, values.udpPort, values.wssPort, values.sipTlsPort].filter((p) => p !== undefined);
  if (new Set(listening).size !== listening.length) throw new Error(`SIP ports must differ (${listening.join(', ')})`);
  for (const [name, path] of [
    ['dbPath', values.dbPath],
    ['authDbPath', values.authDbPath ?? '/'],
    ['ctlSocket', values.ctlSocket],
    ['tlsCfgPath', values.tlsCfgPath ?? '/'],
  ] as const) {
    // these end up inside "..." in the config: no quotes, no newlines
    if (!path.startsWith('/') || /["\n\r{}]/.test(path))
      throw new Error(`Invalid ${name} ${JSON.stringify(path)} (absolute path expected)`);
  }
  if (Buffer.byteLength(values.ctlSocket) > MAX_UNIX_SOCKET_PATH) {
    throw new Error(`ctl socket path too long (${values.ctlSocket}); use a shorter run directory`);
  }
  if (values.callRouting !== undefined) {
    // both end up inside "…" in the config
    const { url: routeUrl, watchUrl, lineEventsUrl, sipMessageUrl } = values.callRouting;
    for (const url of [routeUrl, watchUrl, lineEventsUrl, sipMessageUrl]) {
      if (!/^http:\/\/[A-Za-z0-9.:[\]-]+\/[A-Za-z0-9/._-]*$/.test(url)) {
        throw new Error(`Invalid callRouting URL ${JSON.stringify(url)}`);
      }
    }
    if (!/^[0-9a-f]{32,128}$/.test(values.callRouting.secret))
      throw new Error('Invalid callRouting.secret (hex expected)');
  }
  if (values.rpcSecret !== undefined && !/^[0-9a-f]{32,128}$/.test(values.rpcSecret)) {
    throw new Error('Invalid rpcSecret (hex expected)');
  }
  if (values.authFailLimit !== undefined && (!Number.isInteger(values.authFailLimit) || values.authFailLimit < 1)) {
    throw new Error(`Invalid authFailLimit ${values.authFailLimit}`);
  }
  for (const origin of values.wsAllowedOrigins ?? []) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin))
      throw new Error(`Invalid origin ${JSON.stringify(origin)}`);
  }
  if (values.contactKeepAlive !== undefined) {
    const { intervalS, timeoutS } = values.contactKeepAlive;
    // usrloc wants the timeout "a few times" the interval, or a contact is dropped between two pings
    if (!Number.isInteger(intervalS) || intervalS < 1 || !Number.isInteger(timeoutS) || timeoutS < 2 * intervalS) {
      throw new Error(`Invalid contactKeepAlive ${JSON.stringify(values.contactKeepAlive)}`);
    }
  }
  if (values.rtpengineSocket !== undefined && !/^udp:[0-9.]+:[0-9]{1,5}$/.test(values.rtpengineSocket)) {
    throw new Error(`Invalid rtpengineSocket ${JSON.stringify(values.rtpengineSocket)} (udp:IP:PORT expected)`);
  }
  for (const name of values.defines ?? []) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new Error(`Invalid define ${JSON.stringify(name)}`);
  }
}
