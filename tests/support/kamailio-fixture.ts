import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoUsers, type DemoUser } from '../../server/src/features/accounts/demo-users';
import { getFreePorts } from '../../server/stack/free-port';
import { KamailioProcess } from '../../server/stack/kamailio-process';
import { RtpengineProcess } from '../../server/stack/rtpengine-process';

/** Options of {@link startKamailio}. */
export interface KamailioFixtureOptions {
  /** Also listen for secure WebSocket (self-signed cert) on a random port. */
  readonly withWss?: boolean;
  /** Accounts to seed; default: server/kamailio/demo-users.json (100..105). */
  readonly users?: readonly DemoUser[];
  /** Kamailio `debug=` level (1 warnings, 2 info, 3 debug). Default 2. */
  readonly debugLevel?: number;
  /** usrloc's OPTIONS ping of every contact, scaled down by reachability tests (default 20 s / 60 s). */
  readonly contactKeepAlive?: { readonly intervalS: number; readonly timeoutS: number };
}

/** A running Kamailio on random 127.0.0.1 ports in a temp directory. */
export interface KamailioFixture {
  /** `ws://127.0.0.1:PORT` — SIP over WebSocket, subprotocol "sip". */
  readonly wsUrl: string;
  /** `wss://127.0.0.1:PORT` when started withWss, else undefined. */
  readonly wssUrl: string | undefined;
  /** SIP domain = server host: '127.0.0.1'. "localhost" and "uc.test" work too. */
  readonly domain: string;
  /** Plain SIP over UDP port (e.g. for non-WS peers). */
  readonly udpPort: number;
  /** Seeded accounts: { number: '100', password: 'Welcome100!', displayName }. */
  readonly users: readonly DemoUser[];
  /** Temp directory with kamailio.cfg, kamailio.log, db; removed by stop(). */
  readonly runDir: string;
  /** The managed process (log path, ctl socket, pid...). */
  readonly process: KamailioProcess;
  /** The media relay (issue #12: WebRTC <-> plain RTP), as in the full stack. */
  readonly rtpengine: RtpengineProcess;
  /** Stops Kamailio gracefully and removes runDir. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILLs Kamailio (crash simulation); runDir is kept for restart(). */
  kill(): Promise<void>;
  /** (Re)starts Kamailio on the same ports; registrations are lost (usrloc in memory). */
  restart(): Promise<void>;
}

const START_ATTEMPTS = 3;

/**
 * Starts a fresh Kamailio for one test file (call in beforeAll, stop in afterAll).
 * Retries with new ports if a port was taken between allocation and bind.
 */
export async function startKamailio(options: KamailioFixtureOptions = {}): Promise<KamailioFixture> {
  const users = options.users ?? loadDemoUsers();
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    // short prefix: the ctl unix socket path inside must stay < 108 bytes
    const runDir = mkdtempSync(join(tmpdir(), 'sb-kam-'));
    const rtpengine = new RtpengineProcess({ runDir: join(runDir, 'rtpengine') });
    try {
      await rtpengine.start();
    } catch (error) {
      rmSync(runDir, { recursive: true, force: true });
      throw error;
    }
    const [wsPort, udpPort, wssPort] = await getFreePorts(options.withWss ? ['tcp', 'udp', 'tcp'] : ['tcp', 'udp']);
    const kamailio = new KamailioProcess({
      runDir,
      host: '127.0.0.1',
      wsPort: wsPort as number,
      udpPort: udpPort as number,
      wssPort: options.withWss ? wssPort : undefined,
      users,
      debugLevel: options.debugLevel ?? 2,
      contactKeepAlive: options.contactKeepAlive,
      rtpengineSocket: rtpengine.ngSocket,
    });
    try {
      await kamailio.start();
    } catch (error) {
      lastError = error;
      await rtpengine.stop();
      rmSync(runDir, { recursive: true, force: true });
      if (/Address already in use|bind/i.test(String(error))) continue;
      throw error;
    }
    let removed = false;
    return {
      wsUrl: kamailio.wsUrl,
      wssUrl: kamailio.wssUrl,
      domain: kamailio.domain,
      udpPort: kamailio.udpPort,
      users,
      runDir,
      process: kamailio,
      rtpengine,
      async stop() {
        await kamailio.stop();
        await rtpengine.stop();
        if (!removed) {
          removed = true;
          rmSync(runDir, { recursive: true, force: true });
        }
      },
      kill: () => kamailio.kill(),
      async restart() {
        if (removed) throw new Error('Kamailio fixture: restart() after stop()');
        await kamailio.restart();
      },
    };
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
