/**
 * baresip (Debian's 1.0.0) as an independent plain SIP client over UDP on 127.0.0.1, for
 * interop tests: a desk phone's view of our servers. Driven through its ctrl_tcp module
 * (netstring-framed JSON: `{"command":"dial","params":"sip:…","token":"…"}`; events
 * `{"event":true,"type":"CALL_INCOMING",…}`). Its config lives in a temp dir; every wait is
 * bounded; {@link BaresipPhone.stop} kills it (call it in afterAll). Traps (see
 * /work/shared/recipes/sip-stack/README.md): mwi.so loads before the account module, or it
 * SUBSCRIBEs in a loop when the REGISTER completes in under a millisecond; no ICE module (it
 * ignores loopback addresses); SIP and RTP on 127.0.0.1 only (`net_interface 127.0.0.1`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { getFreePorts } from '../../server/stack/free-port';

/** One event baresip reported (ua_event types: REGISTER_OK, CALL_INCOMING, CALL_CLOSED…). */
export interface BaresipEvent {
  readonly type: string;
  readonly class?: string;
  readonly accountaor?: string;
  readonly peeruri?: string;
  readonly param?: string;
}

export interface BaresipOptions {
  /** SIP user and password (the account's SIP secret) */
  readonly user: string;
  readonly password: string;
  /** Kamailio's UDP listener, e.g. 127.0.0.1:5060; also the SIP domain's host */
  readonly proxy: string;
  /** SIP domain of the AOR (default the proxy's host) */
  readonly domain?: string;
  /** how long start() waits for REGISTER_OK (default 10 s) */
  readonly timeoutMs?: number;
  /**
   * `dtls_srtp`: accept (and offer) DTLS-SRTP media (RFC 5763), e.g. to ring for a WebRTC caller
   * when no rtpengine bridges the media; default plain RTP
   */
  readonly mediaenc?: 'dtls_srtp';
  /** print every SIP message it sends and receives into {@link BaresipPhone.output} (`-s`) */
  readonly sipTrace?: boolean;
}

/** Reads netstrings (`<len>:<bytes>,`) from a byte stream. */
class NetstringReader {
  private buffer = Buffer.alloc(0);
  push(chunk: Buffer): string[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const out: string[] = [];
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon < 0) break;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (!Number.isInteger(length) || length < 0) throw new Error('baresip: malformed netstring');
      if (this.buffer.length < colon + 1 + length + 1) break;
      out.push(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(colon + 1 + length + 1);
    }
    return out;
  }
}

export class BaresipPhone {
  /** every event in arrival order */
  readonly events: BaresipEvent[] = [];
  private readonly pending = new Map<string, (reply: { ok: boolean; data: string }) => void>();
  private nextToken = 1;
  private outputText = '';

  private constructor(
    private readonly process: ChildProcess,
    private readonly socket: Socket,
    private readonly dir: string,
  ) {
    this.listen();
  }

  /** Starts baresip registered as `user` at the proxy; resolves once REGISTER_OK arrived. */
  static async start(options: BaresipOptions): Promise<BaresipPhone> {
    const [sipPort, ctrlPort] = await getFreePorts(['udp', 'tcp']);
    const dir = mkdtempSync(join(tmpdir(), 'sb-baresip-'));
    const domain = options.domain ?? options.proxy.split(':')[0]!;
    writeFileSync(
      join(dir, 'config'),
      [
        'poll_method epoll',
        `sip_listen 127.0.0.1:${sipPort}`,
        'net_interface 127.0.0.1',
        'call_local_timeout 120',
        'audio_source ausine,440',
        'audio_player aubridge,nil',
        'audio_alert aubridge,nil',
        'rtp_ports 30000-30999',
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        ...(options.mediaenc === 'dtls_srtp' ? ['module dtls_srtp.so'] : []),
        'module ausine.so',
        'module aubridge.so',
        // before account.so (recipe trap: SUBSCRIBE loop otherwise)
        'module mwi.so',
        'module_tmp uuid.so',
        'module_tmp account.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'accounts'),
      `<sip:${options.user}@${domain}>;auth_pass=${options.password};outbound="sip:${options.proxy};transport=udp";regint=600;answermode=manual${options.mediaenc ? `;mediaenc=${options.mediaenc}` : ''}\n`,
    );
    writeFileSync(join(dir, 'contacts'), '');
    const child = spawn('baresip', ['-f', dir, ...(options.sipTrace ? ['-s'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // never outlive the test process, whatever happens to it (a failed beforeAll, a killed worker)
    const killOnExit = (): void => void child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const timeoutMs = options.timeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    let socket: Socket | undefined;
    try {
      // ctrl_tcp listens once the modules are loaded
      while (!socket) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`baresip did not start: ${output}`);
        socket = await new Promise<Socket | undefined>((resolve) => {
          const s = connect(ctrlPort!, '127.0.0.1');
          s.once('connect', () => resolve(s));
          s.once('error', () => resolve(undefined));
        });
        if (!socket) await new Promise((r) => setTimeout(r, 100));
      }
      const client = new BaresipPhone(child, socket, dir);
      client.outputText = output;
      const append = (d: Buffer): void => void (client.outputText += d.toString());
      child.stdout?.on('data', append);
      child.stderr?.on('data', append);
      // the REGISTER may complete before ctrl_tcp is connected (no event then): ask for the state
      while (!client.events.some((e) => e.type === 'REGISTER_OK')) {
        if (Date.now() > deadline) throw new Error(`baresip did not register: ${client.output.slice(-2000)}`);
        // "> sip:101@127.0.0.1   \x1b[32mOK \x1b[;m …" (colours stripped)
        const info = stripVTControlCharacters((await client.command('reginfo')).data);
        if (/\bOK\b/.test(info)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return client;
    } catch (error) {
      socket?.destroy();
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Sends a ctrl_tcp command (dial, accept, hangup…) and resolves with its reply. */
  command(command: string, params = '', timeoutMs = 5_000): Promise<{ ok: boolean; data: string }> {
    const token = String(this.nextToken++);
    const json = JSON.stringify({ command, params, token });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new Error(`baresip: no reply to ${command}`));
      }, timeoutMs);
      this.pending.set(token, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.socket.write(`${Buffer.byteLength(json)}:${json},`);
    });
  }

  /** Polls until `check` holds; throws after `timeoutMs` with baresip's recent output. */
  async waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) {
        throw new Error(
          `baresip: timed out waiting for ${what} (events ${this.events.map((e) => e.type).join(',')}; output ${this.outputText.slice(-2000)})`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** what baresip printed so far (with `sipTrace`, the SIP messages) */
  get output(): string {
    return this.outputText;
  }

  /** Kills baresip and removes its config dir; idempotent. */
  async stop(): Promise<void> {
    this.socket.destroy();
    if (this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
      this.process.kill('SIGKILL');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private listen(): void {
    const reader = new NetstringReader();
    this.socket.on('data', (chunk: Buffer) => {
      for (const text of reader.push(chunk)) {
        let message: Record<string, unknown>;
        try {
          message = JSON.parse(text) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (message.event === true) {
          this.events.push(message as unknown as BaresipEvent);
        } else if (message.response === true && typeof message.token === 'string') {
          this.pending.get(message.token)?.({ ok: message.ok === true, data: String(message.data ?? '') });
          this.pending.delete(message.token);
        }
      }
    });
  }
}
