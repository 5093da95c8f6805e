import { randomBytes } from 'node:crypto';

/** Where Janus' HTTP API is and the secrets it wants. */
export interface JanusAudioBridgeOptions {
  /** `http://127.0.0.1:8088/janus` */
  readonly apiUrl: string;
  readonly apiSecret: string;
  /** AudioBridge `admin_key` (room create/destroy) */
  readonly adminKey: string;
  /** sampling rate of the mix, Hz; default 16000 (wideband: Opus WebRTC legs keep it, G.711 legs get 8 kHz) */
  readonly samplingRate?: number;
  /** bound of one API request, ms; default 5000 */
  readonly requestTimeoutMs?: number;
  readonly logger?: (message: string) => void;
}

/** A plain-RTP participant in an AudioBridge room. */
export interface JanusRtpParticipant {
  readonly handleId: number;
  /** the participant's id in the room */
  readonly participantId: number;
  /** where Janus receives this participant's RTP (and sends the room's mix from) */
  readonly janusRtp: { readonly ip: string; readonly port: number };
}

interface JanusReply {
  janus: string;
  transaction?: string;
  sender?: number;
  data?: { id: number };
  error?: { code: number; reason: string };
  plugindata?: { data: Record<string, unknown> };
}

/**
 * A client of the Janus AudioBridge plugin over Janus' HTTP API (one Janus
 * session, a long poll for its events). Rooms are created on demand and
 * destroyed when their last participant leaves: a permanent conference holds
 * no engine resource while nobody is in it. SIP legs join as plain-RTP
 * participants (`join` with `rtp`, Janus 1.x), one Janus handle each.
 *
 * @see https://janus.conf.meetecho.com/docs/audiobridge.html
 * @see https://janus.conf.meetecho.com/docs/rest.html
 */
export class JanusAudioBridge {
  readonly #options: JanusAudioBridgeOptions;
  #sessionId: number | undefined;
  #controlHandle: number | undefined;
  #polling: Promise<void> | undefined;
  #stopped = false;
  #poll: AbortController | undefined;
  readonly #waiters = new Map<string, (event: JanusReply) => void>();

  constructor(options: JanusAudioBridgeOptions) {
    this.#options = options;
  }

  /** Creates the Janus session and its control handle, and starts the event long poll. */
  async start(): Promise<void> {
    const session = await this.post('', { janus: 'create' });
    this.#sessionId = session.data!.id;
    this.#controlHandle = await this.attach();
    this.#polling = this.pollLoop();
  }

  /** Destroys the session (Janus drops its handles and their room seats); idempotent. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#poll?.abort();
    if (this.#sessionId !== undefined) {
      await this.post(`/${this.#sessionId}`, { janus: 'destroy' }).catch(() => undefined);
    }
    await this.#polling?.catch(() => undefined);
  }

  /** Creates room `roomId` unless it exists (with plain-RTP participants allowed). */
  async ensureRoom(roomId: number, description: string): Promise<void> {
    const exists = await this.request(this.control, { request: 'exists', room: roomId });
    if (exists.exists === true) return;
    const created = await this.request(this.control, {
      request: 'create',
      room: roomId,
      admin_key: this.#options.adminKey,
      description: description.slice(0, 80),
      is_private: true,
      sampling_rate: this.#options.samplingRate ?? 16000,
      allow_rtp_participants: true,
      audiolevel_event: false,
      permanent: false,
    });
    // two first callers at once: the second create finds the room made by the first
    if (created.audiobridge !== 'created' && created.error_code !== 486) {
      throw new Error(`AudioBridge create ${roomId}: ${String(created.error ?? JSON.stringify(created))}`);
    }
  }

  /** Destroys room `roomId` (nobody is in it any more); a missing room is fine. */
  async destroyRoom(roomId: number): Promise<void> {
    await this.request(this.control, { request: 'destroy', room: roomId, admin_key: this.#options.adminKey });
  }

  /** Number of participants in the room now (0 when it does not exist). */
  async participantCount(roomId: number): Promise<number> {
    const list = await this.request(this.control, { request: 'listparticipants', room: roomId });
    return Array.isArray(list.participants) ? list.participants.length : 0;
  }

  /**
   * Joins `roomId` as a plain-RTP participant sending and receiving G.711 µ-law
   * (PT 0) from/to `localRtp`; resolves with where Janus takes that RTP.
   */
  async joinRtp(roomId: number, display: string, localRtp: { ip: string; port: number }): Promise<JanusRtpParticipant> {
    const handleId = await this.attach();
    try {
      const joined = await this.asyncRequest(handleId, {
        request: 'join',
        room: roomId,
        display: display.slice(0, 60),
        codec: 'pcmu',
        rtp: { ip: localRtp.ip, port: localRtp.port, payload_type: 0 },
      });
      const rtp = joined.rtp as { ip?: string; port?: number } | undefined;
      if (joined.audiobridge !== 'joined' || !rtp?.ip || !rtp.port) {
        throw new Error(`AudioBridge join ${roomId}: ${String(joined.error ?? JSON.stringify(joined))}`);
      }
      return { handleId, participantId: Number(joined.id), janusRtp: { ip: rtp.ip, port: rtp.port } };
    } catch (error) {
      await this.detach(handleId);
      throw error;
    }
  }

  /** Takes a participant out of its room (detaching the handle releases its RTP ports). */
  async leave(participant: Pick<JanusRtpParticipant, 'handleId'>): Promise<void> {
    await this.detach(participant.handleId);
  }

  // ------------------------------------------------------------ internals

  private get control(): number {
    if (this.#controlHandle === undefined) throw new Error('Janus AudioBridge client not started');
    return this.#controlHandle;
  }

  private async attach(): Promise<number> {
    const reply = await this.post(`/${this.#sessionId}`, { janus: 'attach', plugin: 'janus.plugin.audiobridge' });
    return reply.data!.id;
  }

  private async detach(handleId: number): Promise<void> {
    await this.post(`/${this.#sessionId}/${handleId}`, { janus: 'detach' }).catch((error: unknown) =>
      this.#options.logger?.(`Janus detach ${handleId}: ${(error as Error).message}`),
    );
  }

  /** A synchronous plugin request (create, exists, destroy, listparticipants…): the answer comes in the reply. */
  private async request(handleId: number, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reply = await this.post(`/${this.#sessionId}/${handleId}`, { janus: 'message', body });
    return reply.plugindata?.data ?? {};
  }

  /** An asynchronous plugin request (join): an `ack` now, the answer as an event of the long poll. */
  private async asyncRequest(handleId: number, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const transaction = randomBytes(9).toString('base64url');
    const timeoutMs = this.#options.requestTimeoutMs ?? 5_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const event = new Promise<JanusReply>((resolve, reject) => {
      this.#waiters.set(transaction, resolve);
      timer = setTimeout(
        () => reject(new Error(`Janus: no answer to ${String(body.request)} in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      const ack = await this.post(`/${this.#sessionId}/${handleId}`, { janus: 'message', body }, transaction);
      if (ack.janus !== 'ack' && ack.janus !== 'event') throw new Error(`Janus: ${JSON.stringify(ack)}`);
      const reply = ack.janus === 'event' ? ack : await event;
      return reply.plugindata?.data ?? {};
    } finally {
      clearTimeout(timer);
      this.#waiters.delete(transaction);
    }
  }

  private async post(path: string, body: Record<string, unknown>, transaction?: string): Promise<JanusReply> {
    const response = await fetch(`${this.#options.apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...body,
        transaction: transaction ?? randomBytes(9).toString('base64url'),
        apisecret: this.#options.apiSecret,
      }),
      signal: AbortSignal.timeout(this.#options.requestTimeoutMs ?? 5_000),
    });
    const reply = (await response.json()) as JanusReply;
    if (reply.janus === 'error') throw new Error(`Janus: ${reply.error?.reason ?? 'error'} (${reply.error?.code})`);
    return reply;
  }

  /** Janus' long poll (up to 30 s per GET, up to 10 events each); keeps the session alive too. */
  private async pollLoop(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      this.#poll = new AbortController();
      try {
        const url = `${this.#options.apiUrl}/${this.#sessionId}?maxev=10&apisecret=${encodeURIComponent(this.#options.apiSecret)}`;
        const response = await fetch(url, {
          signal: AbortSignal.any([this.#poll.signal, AbortSignal.timeout(45_000)]),
        });
        const body = (await response.json()) as JanusReply | JanusReply[];
        for (const event of Array.isArray(body) ? body : [body]) {
          if (event.transaction) this.#waiters.get(event.transaction)?.(event);
        }
        failures = 0;
      } catch (error) {
        if (this.#stopped) return;
        failures += 1;
        this.#options.logger?.(`Janus event poll failed (${failures}): ${(error as Error).message}`);
        // bounded backoff while Janus is away
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 200 * 2 ** Math.min(failures, 5))));
      }
    }
  }
}
