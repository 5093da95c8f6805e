/**
 * A real, independent SIP client for interop tests: baresip 1.0.0 (Debian) over UDP (or TCP, TLS) on
 * 127.0.0.1 (SIP and RTP, `net_interface 127.0.0.1`), a desk phone's view of our servers.
 * Driven through its `ctrl_tcp` module (netstring-framed JSON: `{"command":"dial","params":"sip:…",
 * "token":"…"}` in; responses and events such as `{"event":true,"type":"CALL_INCOMING",…}` out).
 * Its modules follow the options: an address book watching presence (`contacts`), a sine tone or a
 * WAV file as microphone (`audio`), a recording of what it hears (`audio.record`: sndfile), DTLS-SRTP
 * or SDES media (`mediaenc`), a SIP trace (`sipTrace`). Its config lives in a
 * temp dir; every wait is bounded; {@link BaresipClient.stop} kills it (call it in afterAll), and it
 * is killed when the test process exits. Traps (/work/shared/recipes/sip-stack/README.md): `mwi.so`
 * loads before the account module, or it SUBSCRIBEs in a loop when a REGISTER completes in under a
 * millisecond (loopback); no ICE module (it ignores loopback addresses).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { getFreePorts } from '../../server/stack/free-port';

/** A contact of baresip's address book. */
export interface BaresipContact {
  readonly name: string;
  /** e.g. sip:100@127.0.0.1 */
  readonly uri: string;
  /** SUBSCRIBE to its presence (baresip's `;presence=p2p` contact parameter, presence module) */
  readonly watchPresence?: boolean;
}

/** Options of {@link BaresipClient.start}. */
export interface BaresipOptions {
  /** SIP user and password (the account's SIP secret, or a device's own) */
  readonly user: string;
  readonly password: string;
  /** digest user name when it is not `user` (a device of the user: `100~abcdef`, add-device) */
  readonly authUser?: string;
  /** SIP transport to the proxy; default udp */
  readonly transport?: 'udp' | 'tcp' | 'tls';
  /** SIP domain (the AOR is sip:user@domain) */
  readonly domain: string;
  /** Kamailio's listeners (the outbound proxy): UDP and TCP on udpPort, TLS on tlsPort */
  readonly proxy: { readonly host: string; readonly udpPort: number; readonly tlsPort?: number };
  /** the CA file baresip trusts for TLS (the stack's certificate) */
  readonly tlsCaFile?: string;
  /** subscribe to its mailbox (RFC 3842 message-summary, baresip's mwi module) */
  readonly mwi?: boolean;
  /** registration interval asked for, seconds (default 600) */
  readonly regint?: number;
  /** its address book (contact module; the presence module when one is watched) */
  readonly contacts?: readonly BaresipContact[];
  /**
   * audio for calls: a sine tone of this frequency as microphone (ausine), what it hears discarded
   * (aubridge); without it baresip has no audio device and can only ring
   */
  readonly audio?: BaresipAudio;
  /**
   * `dtls_srtp`: accept (and offer) DTLS-SRTP media (RFC 5763), e.g. to ring for a WebRTC caller
   * when no rtpengine bridges the media; `srtp-mand`: SDES-keyed SRTP, RTP/SAVP (RFC 4568), as
   * desk phones with "SRTP mandatory" offer; default plain RTP
   */
  readonly mediaenc?: 'dtls_srtp' | 'srtp-mand';
  /**
   * the loopback address it binds SIP and RTP to; default 127.0.0.1 (the proxy's own host works: its
   * aliases name its own ports only, issue #12); another one (127.0.0.2) for a phone on another host
   */
  readonly address?: string;
  /** print every SIP message sent and received into {@link BaresipClient.output} (`-s`) */
  readonly sipTrace?: boolean;
  /**
   * false: no registration — a SIP endpoint of its own on `address` that takes calls to its `user`
   * (baresip 1.0 refuses others with 404, `catchall` or not) and dials URIs directly, e.g. the
   * carrier behind a trunk; `password` and `proxy` are then unused. Default true.
   */
  readonly register?: boolean;
  /** how long start() waits for baresip to be up and registered; default 15 s */
  readonly timeoutMs?: number;
}

/**
 * The phone's audio: a sine tone (`toneHz`, ausine) or a WAV file played once (`wav`, aufile: 16-bit
 * mono at the call's rate, 8 kHz for G.711 — make it long enough for the test); `record` keeps what
 * it hears in WAV files (sndfile module, one per call and direction; {@link BaresipClient.heardAudio}).
 */
export type BaresipAudio =
  { readonly toneHz: number; readonly record?: boolean } | { readonly wav: string; readonly record?: boolean };

/** A point in what the phone heard (see {@link BaresipClient.heardMark}). */
export interface BaresipHeardMark {
  readonly file: string | undefined;
  readonly seconds: number;
}

/** An event ctrl_tcp pushes (ua_event types: REGISTER_OK, CALL_INCOMING, CALL_CLOSED…). */
export interface BaresipEvent {
  readonly type: string;
  readonly class?: string;
  readonly accountaor?: string;
  readonly peeruri?: string;
  readonly param?: string;
}

/** A SIP message of baresip's trace (`sipTrace`): the direction line, the start line, headers, body. */
export interface TracedSipMessage {
  /** `sent` by baresip or `received` */
  readonly direction: 'sent' | 'received';
  /** e.g. `MESSAGE sip:100@127.0.0.1 SIP/2.0` or `SIP/2.0 202 Accepted` */
  readonly startLine: string;
  /** header lines as printed (name: value) */
  readonly headers: readonly string[];
  readonly body: string;
}

/** baresip's presence of a contact as it prints it (contact.c `contact_presence_str`). */
export type BaresipPresence = 'Unknown' | 'Online' | 'Offline' | 'Busy';

/** The config file, its modules chosen from the options. */
function configFile(options: BaresipOptions, sipPort: number, ctrlPort: number, recordDir: string): string {
  const contacts = options.contacts ?? [];
  return [
    'poll_method epoll',
    `sip_listen ${options.address ?? '127.0.0.1'}:${sipPort}`,
    `net_interface ${options.address ?? '127.0.0.1'}`,
    ...(options.tlsCaFile ? [`sip_cafile ${options.tlsCaFile}`] : []),
    'call_local_timeout 120',
    ...(options.audio
      ? [
          'wav' in options.audio
            ? `audio_source aufile,${options.audio.wav}`
            : `audio_source ausine,${options.audio.toneHz}`,
          'audio_player aubridge,nil',
          'audio_alert aubridge,nil',
          // ausine makes 48 kHz stereo only: baresip resamples it to the codec's (G.711: 8 kHz mono)
          ...('wav' in options.audio ? [] : ['ausrc_srate 48000', 'ausrc_channels 2']),
        ]
      : []),
    ...(options.audio?.record ? [`snd_path ${recordDir}`] : []),
    'rtp_ports 30000-30999',
    'module_path /usr/lib/baresip/modules',
    'module g711.so',
    ...(options.mediaenc === 'dtls_srtp' ? ['module dtls_srtp.so'] : []),
    ...(options.mediaenc === 'srtp-mand' ? ['module srtp.so'] : []),
    ...(options.audio ? ['wav' in options.audio ? 'module aufile.so' : 'module ausine.so', 'module aubridge.so'] : []),
    // an audio filter: dumps what is decoded (heard) and encoded (sent) per call
    ...(options.audio?.record ? ['module sndfile.so'] : []),
    // before account.so (see the file comment)
    'module mwi.so',
    'module_tmp uuid.so',
    'module_tmp account.so',
    // contact.so: the address book, and its `message` command (a MESSAGE to the current contact)
    ...(contacts.length > 0 ? ['module_app contact.so'] : []),
    ...(contacts.some((c) => c.watchPresence) ? ['module_app presence.so'] : []),
    'module_app menu.so',
    'module_app ctrl_tcp.so',
    `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
    '',
  ].join('\n');
}

/** Reads netstrings (`<len>:<bytes>,`) from a byte stream. */
class NetstringReader {
  #buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const out: string[] = [];
    for (;;) {
      const colon = this.#buffer.indexOf(0x3a);
      if (colon < 0) break;
      const length = Number(this.#buffer.subarray(0, colon).toString('ascii'));
      if (!Number.isInteger(length) || length < 0) throw new Error('baresip: malformed netstring');
      if (this.#buffer.length < colon + 1 + length + 1) break;
      out.push(this.#buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      this.#buffer = this.#buffer.subarray(colon + 1 + length + 1);
    }
    return out;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The value of a header of a traced message (first one, case-insensitive name). */
function headerOf(message: TracedSipMessage, name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  const line = message.headers.find((h) => h.toLowerCase().startsWith(prefix));
  return line?.slice(prefix.length).trim();
}

/** See the file comment. */
export class BaresipClient {
  /** every event in arrival order */
  readonly events: BaresipEvent[] = [];
  #output = '';
  #socket: Socket | undefined;
  #nextToken = 1;
  readonly #pending = new Map<string, (reply: { ok: boolean; data: string }) => void>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    /** its SIP port on 127.0.0.1 (tells sent from received in the trace) */
    readonly sipPort: number,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.#output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.#output += d.toString()));
  }

  /** Writes the config, starts baresip and resolves once its account is registered. */
  static async start(options: BaresipOptions): Promise<BaresipClient> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const deadline = Date.now() + timeoutMs;
    const [sipPort, ctrlPort] = await getFreePorts(['udp', 'tcp']);
    const dir = mkdtempSync(join(tmpdir(), 'sb-baresip-'));
    mkdirSync(join(dir, 'heard'));
    writeFileSync(join(dir, 'config'), configFile(options, sipPort!, ctrlPort!, join(dir, 'heard')));
    const { user, domain, password, proxy, mediaenc } = options;
    const transport = options.transport ?? 'udp';
    const proxyPort = transport === 'tls' ? proxy.tlsPort : proxy.udpPort;
    if (proxyPort === undefined) throw new Error('baresip: TLS needs proxy.tlsPort');
    const register = options.register ?? true;
    writeFileSync(
      join(dir, 'accounts'),
      register
        ? `<sip:${user}@${domain};transport=${transport}>;auth_pass=${password}` +
            (options.authUser ? `;auth_user=${options.authUser}` : '') +
            `;outbound="sip:${proxy.host}:${proxyPort};transport=${transport}"` +
            `;regint=${options.regint ?? 600};mwi=${options.mwi ? 'yes' : 'no'};pubint=0;answermode=manual` +
            `${mediaenc ? `;mediaenc=${mediaenc}` : ''}\n`
        : `<sip:${user}@${options.address ?? '127.0.0.1'}:${sipPort};transport=udp>;regint=0` +
            `;mwi=no;pubint=0;answermode=manual${mediaenc ? `;mediaenc=${mediaenc}` : ''}\n`,
    );
    writeFileSync(
      join(dir, 'contacts'),
      (options.contacts ?? []).map((c) => `"${c.name}" <${c.uri}>${c.watchPresence ? ';presence=p2p' : ''}\n`).join(''),
    );
    const child = spawn('baresip', ['-f', dir, ...(options.sipTrace ? ['-s'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // never outlive the test process, whatever happens to it (a failed beforeAll, a killed worker)
    const killOnExit = (): void => void child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    const client = new BaresipClient(child, dir, sipPort!);
    try {
      await client.#connect(ctrlPort!, deadline, timeoutMs);
      // REGISTER_OK may have been pushed before ctrl_tcp was connected: ask (menu's `reginfo`,
      // "> sip:101@127.0.0.1   OK …" once its colours are stripped)
      while (register && !client.events.some((e) => e.type === 'REGISTER_OK')) {
        if (/\bOK\b/.test(stripVTControlCharacters(await client.command('reginfo')))) break;
        if (Date.now() > deadline)
          throw new Error(`baresip: not registered within ${timeoutMs} ms\n${client.output.slice(-2000)}`);
        await sleep(50);
      }
      return client;
    } catch (error) {
      await client.stop();
      throw error;
    }
  }

  /** What baresip printed so far (its log; with `sipTrace`, the SIP messages). */
  get output(): string {
    return this.#output;
  }

  /** Runs a ctrl_tcp command (dial, accept, hangup, contacts…); resolves with its printed answer. */
  command(command: string, params = '', timeoutMs = 5_000): Promise<string> {
    const socket = this.#socket;
    if (!socket) return Promise.reject(new Error('baresip: ctrl_tcp not connected'));
    const token = String(this.#nextToken++);
    const json = JSON.stringify({ command, params, token });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(token);
        reject(new Error(`baresip: no answer to ${command} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(token, ({ ok, data }) => {
        clearTimeout(timer);
        if (ok) resolve(data);
        else reject(new Error(`baresip: ${command} failed: ${data}`));
      });
      socket.write(`${Buffer.byteLength(json)}:${json},`);
    });
  }

  /** Resolves with the first event (seen or to come) that matches; throws after `timeoutMs`. */
  async waitForEvent(what: string, match: (event: BaresipEvent) => boolean, timeoutMs = 10_000): Promise<BaresipEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `baresip: timed out after ${timeoutMs} ms waiting for ${what} (events ${this.events.map((e) => e.type).join(',')})\n${this.#output.slice(-2000)}`,
        );
      }
      await sleep(25);
    }
  }

  /**
   * The SIP messages of the trace (needs `sipTrace`), in order. baresip prints each one as
   * `#`, `UDP <from> -> <to>`, the message; its own port tells the direction.
   */
  tracedSipMessages(): TracedSipMessage[] {
    const out: TracedSipMessage[] = [];
    const blocks = stripVTControlCharacters(this.#output).split(/\r?\n#\r?\n/);
    for (const block of blocks) {
      const lines = block.split(/\r?\n/);
      const route = /^(?:UDP|TCP|TLS) (\S+) -> (\S+)$/.exec(lines[0] ?? '');
      if (!route || lines.length < 2) continue;
      const direction = route[1] === `127.0.0.1:${this.sipPort}` ? 'sent' : 'received';
      const blank = lines.indexOf('', 2);
      const headers = lines.slice(2, blank < 0 ? undefined : blank);
      const length = Number(/^Content-Length:\s*(\d+)/im.exec(headers.join('\n'))?.[1] ?? 0);
      // Content-Length counts bytes; baresip's own log lines may follow the body
      const rest = Buffer.from(blank < 0 ? '' : lines.slice(blank + 1).join('\r\n'));
      const body = rest.subarray(0, length).toString('utf8');
      out.push({ direction, startLine: lines[1]!, headers, body });
    }
    return out;
  }

  /** The MESSAGEs baresip received so far (it answers 200 to text/plain and prints them). */
  receivedMessages(): { from: string; contentType: string; text: string }[] {
    return this.tracedSipMessages()
      .filter((m) => m.direction === 'received' && m.startLine.startsWith('MESSAGE '))
      .map((m) => ({
        from: headerOf(m, 'From') ?? '',
        contentType: headerOf(m, 'Content-Type') ?? '',
        text: m.body,
      }));
  }

  /**
   * Sends `text` as a SIP MESSAGE to its current contact (the contact module's `message`
   * command: the first contact of {@link BaresipOptions.contacts}) and resolves with the final
   * status of the request (after baresip's own digest retry). Needs `sipTrace`.
   */
  async sendMessage(text: string, timeoutMs = 10_000): Promise<number> {
    const before = this.tracedSipMessages().length;
    await this.command('message', text);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const final = this.tracedSipMessages()
        .slice(before)
        .filter((m) => m.direction === 'received' && / MESSAGE$/.test(headerOf(m, 'CSeq') ?? ''))
        .map((m) => Number(/^SIP\/2\.0 (\d{3})/.exec(m.startLine)?.[1] ?? 0))
        .find((code) => code >= 200 && code !== 401 && code !== 407);
      if (final !== undefined) return final;
      if (Date.now() > deadline) throw new Error(`baresip: no final answer to its MESSAGE within ${timeoutMs} ms`);
      await sleep(25);
    }
  }

  /**
   * What the phone heard since `mark` ({@link heardMark}; default: all of its latest recording) —
   * the sndfile dump `*-dec.wav`, read while it is still being written (the data chunk runs to the
   * end of the file). baresip starts a new dump whenever a stream restarts (hold, resume): then
   * the new one is read from its start. Needs `audio.record`. 16-bit mono at the call's rate.
   */
  heardAudio(mark?: BaresipHeardMark): { sampleRate: number; samples: Float32Array } {
    const file = this.#latestRecording();
    if (!file) throw new Error('baresip: no recording (audio.record set? a call answered?)');
    const buf = readFileSync(file);
    const fmt = buf.indexOf('fmt ');
    const data = buf.indexOf('data');
    if (fmt < 0 || data < 0) return { sampleRate: 8000, samples: new Float32Array(0) };
    const sampleRate = buf.readUInt32LE(fmt + 12);
    // the dump is named by the second it started: a restart within that second truncates it
    const total = Math.floor((buf.length - data - 8) / 2) / sampleRate;
    const fromSecond = mark !== undefined && mark.file === file && mark.seconds <= total ? mark.seconds : 0;
    const start = data + 8 + Math.round(fromSecond * sampleRate) * 2;
    const count = Math.max(0, Math.floor((buf.length - start) / 2));
    const samples = new Float32Array(count);
    for (let i = 0; i < count; i++) samples[i] = buf.readInt16LE(start + i * 2) / 32768;
    return { sampleRate, samples };
  }

  /**
   * The audio bit rates (sent, received) of the latest status line baresip printed after output
   * position `since` (its menu prints `audio=TX/RX (bit/s)` while a call runs), or undefined. Where
   * the recording cannot tell: baresip 1.0's sndfile stops dumping once a hold restarts the player.
   */
  audioBitrates(since = 0): { tx: number; rx: number } | undefined {
    const matches = [...this.#output.slice(since).matchAll(/audio=(\d+)\/(\d+) \(bit\/s\)/g)];
    const last = matches.at(-1);
    return last ? { tx: Number(last[1]), rx: Number(last[2]) } : undefined;
  }

  /** Where the recording stands now (for {@link heardAudio}). */
  heardMark(): BaresipHeardMark {
    const file = this.#latestRecording();
    if (!file) return { file: undefined, seconds: 0 };
    const audio = this.heardAudio();
    return { file, seconds: audio.samples.length / audio.sampleRate };
  }

  #latestRecording(): string | undefined {
    const heardDir = join(this.dir, 'heard');
    const files = readdirSync(heardDir)
      .filter((f) => f.endsWith('-dec.wav'))
      .map((f) => ({ path: join(heardDir, f), at: statSync(join(heardDir, f)).birthtimeMs }))
      .sort((a, b) => a.at - b.at);
    return files.at(-1)?.path;
  }

  /** The presence baresip shows for each contact it watches (command `contacts`). */
  async contactsPresence(): Promise<Map<string, BaresipPresence>> {
    const text = stripVTControlCharacters(await this.command('contacts'));
    const result = new Map<string, BaresipPresence>();
    for (const line of text.split('\n')) {
      const match = /(Unknown|Online|Offline|Busy)\s+.*<([^>]+)>/.exec(line);
      if (match) result.set(match[2]!, match[1] as BaresipPresence);
    }
    return result;
  }

  /** Kills baresip (no need for a graceful un-REGISTER in tests) and removes its config dir; idempotent. */
  async stop(): Promise<void> {
    this.#socket?.destroy();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGKILL');
      await Promise.race([exited, sleep(2_000)]);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Connects to ctrl_tcp, which listens once the modules are loaded. */
  async #connect(port: number, deadline: number, timeoutMs: number): Promise<void> {
    while (!this.#socket) {
      if (this.child.exitCode !== null)
        throw new Error(`baresip exited (${this.child.exitCode}): ${this.#output.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error(`baresip: ctrl_tcp not up within ${timeoutMs} ms`);
      this.#socket = await new Promise<Socket | undefined>((resolve) => {
        const s = connect(port, '127.0.0.1');
        s.once('connect', () => resolve(s));
        s.once('error', () => {
          s.destroy();
          resolve(undefined);
        });
      });
      if (!this.#socket) await sleep(100);
    }
    const reader = new NetstringReader();
    this.#socket.on('error', () => undefined);
    const socket = this.#socket;
    socket.on('data', (chunk: Buffer) => {
      let texts: string[];
      try {
        texts = reader.push(chunk);
      } catch (error) {
        // out of sync for good: the pending commands time out, saying why in the output
        this.#output += `\n[test] ${String(error)}\n`;
        socket.destroy();
        return;
      }
      for (const text of texts) this.#onMessage(text);
    });
  }

  #onMessage(text: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    if (message.event === true) {
      this.events.push(message as unknown as BaresipEvent);
    } else if (message.response === true && typeof message.token === 'string') {
      this.#pending.get(message.token)?.({ ok: message.ok === true, data: String(message.data ?? '') });
      this.#pending.delete(message.token);
    }
  }
}
