/**
 * What Kamailio holds now, read through its JSON-RPC (the lamps' reconcile):
 * who has a registered device (usrloc `ul.dump`, `ul.lookup`) and which calls
 * are up (`dlg.list`).
 *
 * @see https://www.kamailio.org/docs/modules/5.6.x/modules/usrloc.html#usrloc.r.ul.dump
 * @see https://www.kamailio.org/docs/modules/5.6.x/modules/dialog.html#dlg.r.dlg.list
 */
import { type KamailioRpc, KamailioRpcError } from '../../platform/kamailio-rpc';

/** A call of the dialog module, the parts the lamps use. */
export interface KamailioDialog {
  /** `dlg:<h_entry>:<h_id>`: stable while the dialog lives */
  readonly key: string;
  readonly fromUri: string;
  readonly toUri: string;
  /** the SIP Call-ID (matches a pickup) */
  readonly callId?: string;
  /** dialog module states: 1 unconfirmed, 2 early, 3 confirmed (no ACK yet), 4 confirmed, 5 deleted */
  readonly state: number;
}

/** The reads the lamps need (a fake in unit tests). */
export interface LineReader {
  /** users (AoR user parts) with at least one contact in usrloc */
  registeredUsers(): Promise<Set<string>>;
  /** whether `user` has a contact in usrloc */
  isRegistered(user: string): Promise<boolean>;
  dialogs(): Promise<KamailioDialog[]>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** {@link LineReader} over Kamailio's JSON-RPC (the platform's {@link KamailioRpc}). */
export class KamailioLineReader implements LineReader {
  constructor(private readonly rpc: KamailioRpc) {}

  async registeredUsers(): Promise<Set<string>> {
    const users = new Set<string>();
    const result = await this.rpc.call('ul.dump', []);
    for (const domain of asArray(isRecord(result) ? result.Domains : undefined)) {
      const table = isRecord(domain) ? domain.Domain : undefined;
      for (const aor of asArray(isRecord(table) ? table.AoRs : undefined)) {
        const info = isRecord(aor) ? aor.Info : undefined;
        if (!isRecord(info) || typeof info.AoR !== 'string') continue;
        if (asArray(info.Contacts).length > 0) users.add(userPart(info.AoR));
      }
    }
    return users;
  }

  async isRegistered(user: string): Promise<boolean> {
    try {
      const result = await this.rpc.call('ul.lookup', ['location', user]);
      return isRecord(result) && asArray(result.Contacts).length > 0;
    } catch (error) {
      // usrloc answers an unknown AoR, or one whose contacts are gone, with an error ("AOR not found", "AOR has no contacts"), not an empty list
      if (error instanceof KamailioRpcError && /not found|no contacts/i.test(error.message)) return false;
      throw error;
    }
  }

  async dialogs(): Promise<KamailioDialog[]> {
    const result = await this.rpc.call('dlg.list', []);
    return asArray(result).flatMap((dialog): KamailioDialog[] => {
      if (!isRecord(dialog)) return [];
      const { h_entry: entry, h_id: id, from_uri: fromUri, to_uri: toUri, state, 'call-id': callId } = dialog;
      if (typeof fromUri !== 'string' || typeof toUri !== 'string' || typeof state !== 'number') return [];
      const key = `dlg:${String(entry)}:${String(id)}`;
      return [typeof callId === 'string' ? { key, fromUri, toUri, state, callId } : { key, fromUri, toUri, state }];
    });
  }
}

/** `100` of `sip:100@host`, `100@host` or `100`. */
function userPart(aor: string): string {
  return aor.replace(/^sips?:/i, '').split('@')[0] ?? aor;
}
