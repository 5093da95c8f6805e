/**
 * A real, independent SIP client for interop tests: baresip 1.0 (Debian),
 * driven through its `ctrl_tcp` module (netstring-framed JSON: commands in,
 * responses and events out). Its config dir lives in a temp dir; it speaks
 * UDP on 127.0.0.1 only. Traps (server/../shared recipes): `mwi.so` must be
 * loaded before the account module, or it SUBSCRIBEs in a loop when a
 * REGISTER completes in under a millisecond; its ICE ignores loopback
 * addresses (not loaded here). Always {@link BaresipClient.stop} it (afterAll).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  readonly user: string;
  readonly password: string;
  /** SIP domain (the AOR is sip:user@domain) */
  readonly domain: string;
  /** Kamailio's UDP listener */
  readonly proxy: { readonly host: string; readonly udpPort: number };
  readonly contacts?: readonly BaresipContact[];
  /** print every SIP message sent and received in {@link BaresipClient.output} (`-s`) */
  readonly sipTrace?: boolean;
  /** for start (process up, registered); default 15 s */
  readonly timeoutMs?: number;
}

/** An event ctrl_tcp pushes (`{"event":true,"class":"register","type":"REGISTER_OK",…}`). */
export interface BaresipEvent {
  readonly class?: string;
  readonly type?: string;
  readonly param?: string;
  readonly [key: string]: unknown;
}

/** baresip's presence of a contact as it prints it (contact.c `contact_presence_str`). */
export type BaresipPresence = 'Unknown' | 'Online' | 'Offline' | 'Busy';

/** See the file comment. */
export class BaresipClient {
  readonly events: BaresipEvent[] = [];
  #output = '';
  #buffer = Buffer.alloc(0);
  #token = 0;
  readonly #waiting = new Map<string, (data: { ok: boolean; data: string }) => void>();

  private constructor(
    private readonly process: ChildProcess,
    private readonly socket: Socket,
    private readonly dir: string,
  ) {
    process.stdout?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    process.stderr?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', () => undefined);
  }

  /** Writes the config, starts baresip and waits until its account registered. */
  static async start(options: BaresipOptions): Promise<BaresipClient> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const dir = mkdtempSync(join(tmpdir(), 'sb-baresip-'));
    const [sipPort, ctrlPort] = await getFreePorts(['udp', 'tcp']);
    writeFileSync(
      join(dir, 'config'),
      [
        `sip_listen 127.0.0.1:${sipPort}`,
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        // before account.so (see the file comment)
        'module mwi.so',
        'module_tmp account.so',
        'module_app contact.so',
        'module_app presence.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
        '',
      ].join('\n'),
    );
    const proxy = `sip:${options.proxy.host}:${options.proxy.udpPort};transport=udp`;
    writeFileSync(
      join(dir, 'accounts'),
      `<sip:${options.user}@${options.domain};transport=udp>;auth_pass=${options.password};outbound="${proxy}";regint=600;mwi=no;pubint=0\n`,
    );
    writeFileSync(
      join(dir, 'contacts'),
      (options.contacts ?? []).map((c) => `"${c.name}" <${c.uri}>${c.watchPresence ? ';presence=p2p' : ''}\n`).join(''),
    );
    const child = spawn('baresip', ['-f', dir, ...(options.sipTrace ? ['-s'] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    let socket: Socket | undefined;
    try {
      while (!socket) {
        if (child.exitCode !== null) throw new Error(`baresip exited (${child.exitCode}): ${output.slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`baresip: ctrl_tcp not up within ${timeoutMs} ms`);
        socket = await new Promise<Socket | undefined>((resolve) => {
          const s = connect(ctrlPort!, '127.0.0.1');
          s.once('connect', () => resolve(s));
          s.once('error', () => {
            s.destroy();
            setTimeout(() => resolve(undefined), 100);
          });
        });
      }
      const client = new BaresipClient(child, socket, dir);
      client.#output = output;
      // REGISTER_OK may have been pushed before we connected (loopback): ask (menu's `reginfo`)
      // eslint-disable-next-line no-control-regex
      const registered = async () => /\x1b\[32mOK /.test(await client.command('reginfo'));
      while (!(await registered())) {
        if (Date.now() > deadline)
          throw new Error(`baresip: not registered within ${timeoutMs} ms\n${client.output.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return client;
    } catch (error) {
      socket?.destroy();
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** What baresip printed so far (its log). */
  get output(): string {
    return this.#output;
  }

  /** Runs a command (`{"command":…,"params":…,"token":…}`); resolves with its printed answer. */
  command(command: string, params = '', timeoutMs = 5_000): Promise<string> {
    const token = `t${++this.#token}`;
    const json = Buffer.from(JSON.stringify({ command, params, token }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(token);
        reject(new Error(`baresip: no answer to ${command} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(token, ({ ok, data }) => {
        clearTimeout(timer);
        if (ok) resolve(data);
        else reject(new Error(`baresip: ${command} failed: ${data}`));
      });
      this.socket.write(Buffer.concat([Buffer.from(`${json.length}:`), json, Buffer.from(',')]));
    });
  }

  /** Resolves with the first event (seen or to come) that matches. */
  async waitForEvent(match: (event: BaresipEvent) => boolean, what: string, timeoutMs = 10_000): Promise<BaresipEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`baresip: no ${what} within ${timeoutMs} ms\n${this.#output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The presence baresip shows for each contact it watches (command `contacts`). */
  async contactsPresence(): Promise<Map<string, BaresipPresence>> {
    // ANSI colour codes around the status word
    // eslint-disable-next-line no-control-regex
    const text = (await this.command('contacts')).replace(/\x1b\[[0-9;]*m/g, '');
    const result = new Map<string, BaresipPresence>();
    for (const line of text.split('\n')) {
      const match = /(Unknown|Online|Offline|Busy)\s+.*<([^>]+)>/.exec(line);
      if (match) result.set(match[2]!, match[1] as BaresipPresence);
    }
    return result;
  }

  /** Stops baresip (quit, then SIGKILL after 2 s) and removes its config dir; idempotent. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
    this.socket.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }

  #onData(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const colon = this.#buffer.indexOf(0x3a);
      if (colon < 0) return;
      const length = Number(this.#buffer.subarray(0, colon).toString());
      if (!Number.isInteger(length) || this.#buffer.length < colon + 1 + length + 1) return;
      const payload = this.#buffer.subarray(colon + 1, colon + 1 + length).toString();
      this.#buffer = this.#buffer.subarray(colon + 1 + length + 1);
      let message: { response?: boolean; event?: boolean; ok?: boolean; data?: string; token?: string };
      try {
        message = JSON.parse(payload) as typeof message;
      } catch {
        continue;
      }
      if (message.response && message.token !== undefined) {
        this.#waiting.get(message.token)?.({ ok: message.ok === true, data: message.data ?? '' });
        this.#waiting.delete(message.token);
      } else if (message.event) {
        this.events.push(message as BaresipEvent);
      }
    }
  }
}
