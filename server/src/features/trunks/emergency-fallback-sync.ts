import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database';
import type { KamailioRpc } from '../../platform/kamailio-rpc';
import { readDialPlanSettings } from './trunk-store';
import { routeOutbound } from './trunk-routing';

/** Kamailio's htable of emergency routes (kamailio.cfg route[EMERGENCY_FALLBACK]). */
export const EMERGENCY_HTABLE = 'emergency';

export interface EmergencyFallbackSyncOptions {
  readonly db: Kysely<Database>;
  readonly rpc: Pick<KamailioRpc, 'call'>;
  /** how often the table is pushed again (a restarted Kamailio starts empty), ms */
  readonly intervalMs: number;
  readonly log?: (message: string) => void;
}

/**
 * Keeps Kamailio able to place emergency calls while the UC server does not
 * answer (SPEC G): pushes, for each emergency number (as dialed and after the
 * outside prefix), the trunk-out answer the UC server would give a caller
 * without a DID (caller ID: the trunk's main number, else anonymous) into
 * Kamailio's `emergency` htable over JSON-RPC, at start and every
 * `intervalMs`. route[TRUNK_CLASSIFY] uses it only when the UC server's own
 * answer is missing. Trunk or dial-plan changes reach it within `intervalMs`.
 */
export class EmergencyFallbackSync {
  readonly #options: EmergencyFallbackSyncOptions;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;

  constructor(options: EmergencyFallbackSyncOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#timer) return;
    void this.#syncQuietly();
    this.#timer = setInterval(() => void this.#syncQuietly(), this.#options.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One push; rejects when Kamailio does not take it. */
  async sync(): Promise<void> {
    const { db, rpc } = this.#options;
    const settings = await readDialPlanSettings(db);
    const dialed = new Set<string>();
    for (const n of settings.emergencyNumbers) {
      dialed.add(n);
      if (settings.outsidePrefix !== '') dialed.add(`${settings.outsidePrefix}${n}`);
    }
    const entries: [string, string][] = [];
    for (const n of dialed) {
      const route = await routeOutbound(db, n, '');
      if (route.action === 'trunk' && route.emergency) entries.push([n, JSON.stringify(route)]);
    }
    // flush first: a number no longer on the list, or no trunk at all, leaves nothing behind
    await rpc.call('htable.flush', [EMERGENCY_HTABLE]);
    for (const [key, value] of entries) await rpc.call('htable.sets', [EMERGENCY_HTABLE, key, value]);
  }

  async #syncQuietly(): Promise<void> {
    if (this.#running) return;
    this.#running = this.sync()
      .catch((e: unknown) => this.#options.log?.(`emergency fallback not pushed to Kamailio: ${String(e)}`))
      .finally(() => (this.#running = undefined));
    await this.#running;
  }
}
