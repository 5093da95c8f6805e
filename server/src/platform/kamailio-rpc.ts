/** Kamailio's JSON-RPC over HTTP (jsonrpcs module, `POST /RPC`), as the UC server's agents call it. */

const DEFAULT_TIMEOUT_MS = 5_000;

/** Options of {@link KamailioRpc}. */
export interface KamailioRpcOptions {
  /** e.g. http://127.0.0.1:8080/RPC (Kamailio accepts it from its own host only) */
  url: string;
  /** the X-RPC-Secret Kamailio requires (kamailioSecretOf(config, 'json-rpc')) */
  secret: string;
  /** per call (default 5 s) */
  timeoutMs?: number;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** One `pua.publish` (pua_rpc): what the pua module PUBLISHes on our behalf. */
export interface PuaPublication {
  /** e.g. sip:100@uc.test */
  presentity: string;
  /** seconds; 0 removes the publication */
  expires: number;
  /** event package, e.g. `presence`, `message-summary` */
  event: string;
  contentType: string;
  body: string;
}

/** Where {@link KamailioRpc.coreUptime} says Kamailio started: a change means it restarted. */
export interface KamailioUptime {
  /** `up_since` as Kamailio prints it (a date string) */
  upSince: string;
}

/**
 * A JSON-RPC client of Kamailio, one definition for every publisher (MWI,
 * SIP presence). Fails (throws) on a transport error, a timeout, an HTTP
 * error or a JSON-RPC fault; callers decide whether to log or retry.
 */
export class KamailioRpc {
  readonly #options: KamailioRpcOptions;
  readonly #fetch: NonNullable<KamailioRpcOptions['fetch']>;
  #id = 1;

  constructor(options: KamailioRpcOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  }

  /** Calls `method` with `params`; resolves with the `result` member. */
  async call(method: string, params: readonly unknown[] = []): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      const response = await this.#fetch(this.#options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rpc-secret': this.#options.secret },
        body: JSON.stringify({ jsonrpc: '2.0', method, params, id: this.#id++ }),
        signal: controller.signal,
      });
      const reply = (await response.json().catch(() => undefined)) as
        { result?: unknown; error?: { code?: number; message?: string } } | undefined;
      if (reply?.error) throw new KamailioRpcError(`${method}: ${reply.error.message ?? 'error'}`);
      if (!response.ok) throw new Error(`${method}: Kamailio answered HTTP ${response.status}`);
      return reply?.result;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * pua.publish(presentity, expires, event, content type, id, etag, outbound
   * proxy, extra headers, body): waits for the PUBLISH's final answer. The pua
   * module keeps the publication's ETag (one record per presentity and event)
   * and sends SIP-If-Match itself (RFC 3903 §4.4); a PUBLISH refused by the
   * presence server leaves a result without `SIP-ETag`, which is a failure
   * here. The body must end with CRLF (Kamailio's parser wants it).
   */
  async puaPublish(publication: PuaPublication): Promise<void> {
    const result = await this.call('pua.publish', [
      publication.presentity,
      String(publication.expires),
      publication.event,
      publication.contentType,
      '.',
      '.',
      '.',
      '.',
      publication.body,
    ]);
    // expires 0 (removal) answers without an ETag
    if (publication.expires > 0 && !hasEtag(result)) {
      throw new Error(`the presence server refused the PUBLISH of ${publication.event} for ${publication.presentity}`);
    }
  }

  /** core.uptime: when Kamailio started (restart detection). */
  async coreUptime(): Promise<KamailioUptime> {
    const result = (await this.call('core.uptime')) as { up_since?: unknown } | undefined;
    if (typeof result?.up_since !== 'string') throw new Error('core.uptime answered without up_since');
    return { upSince: result.up_since };
  }
}

/** A fault Kamailio answered (the method ran and said no), as opposed to a transport failure. */
export class KamailioRpcError extends Error {}

function hasEtag(result: unknown): boolean {
  return (
    typeof result === 'object' && result !== null && typeof (result as Record<string, unknown>)['SIP-ETag'] === 'string'
  );
}
