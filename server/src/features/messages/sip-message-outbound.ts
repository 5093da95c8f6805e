/**
 * Instant messages to plain SIP devices (desk phones, softphones): a message stored for a user goes
 * out as a SIP MESSAGE (RFC 3428) to each of the user's registered devices that is not a Switchboard
 * client (the app and the voicemail service get messages from the UC server, never as SIP). The UC
 * server asks Kamailio over JSON-RPC: `ul.lookup` for the contacts, then `tm.t_uac_wait` for one
 * MESSAGE per device, From the sender's AOR; the stored message stays the record.
 *
 * How a Switchboard client is told from a phone: by the User-Agent it registered with (usrloc keeps
 * it): {@link SWITCHBOARD_USER_AGENT} and its variants (`Switchboard-Voicemail`). A phone that claims
 * to be Switchboard only keeps messages away from itself.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3428 SIP MESSAGE
 * @see https://www.kamailio.org/docs/modules/5.6.x/modules/tm.html#tm.rpc.t_uac_wait
 */
import { SWITCHBOARD_USER_AGENT } from '../../../../src-preload/contract/platform';
import { type KamailioRpc, KamailioRpcError } from '../../platform/kamailio-rpc';

/** A registered device that takes SIP MESSAGE: where tm sends it. */
export interface PhoneContact {
  /** the Contact URI (the Request-URI of the MESSAGE) */
  uri: string;
  /** the address the REGISTER came from, when behind NAT (the next hop), else undefined */
  received?: string;
  /** the proxy's socket the device registered through, e.g. `udp:127.0.0.1:5060` */
  socket?: string;
}

/** One message for the devices of its recipient. */
export interface OutgoingSipMessage {
  /** sender's number and display name */
  from: string;
  fromName: string;
  /** recipient's number */
  to: string;
  text: string;
}

/** What happened to one message: how many devices were tried and how many took it (2xx). */
export interface SipDeliveryResult {
  devices: number;
  delivered: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** A string field of a usrloc contact; usrloc prints an empty one as `[not set]`. */
const fieldOf = (contact: Record<string, unknown>, name: string): string | undefined => {
  const value = contact[name];
  return typeof value === 'string' && value !== '' && value !== '[not set]' ? value : undefined;
};

/** The devices of a `ul.lookup` answer that are phones (not a Switchboard client), in usrloc's order. */
export function phoneContactsOf(lookup: unknown): PhoneContact[] {
  const contacts = isRecord(lookup) && Array.isArray(lookup.Contacts) ? lookup.Contacts : [];
  return contacts.flatMap((item): PhoneContact[] => {
    const contact = isRecord(item) && isRecord(item.Contact) ? item.Contact : undefined;
    if (!contact || typeof contact.Address !== 'string') return [];
    const userAgent = fieldOf(contact, 'User-Agent') ?? '';
    if (userAgent === SWITCHBOARD_USER_AGENT || userAgent.startsWith(`${SWITCHBOARD_USER_AGENT}-`)) return [];
    if (contact.Expires === 'expired' || contact.Expires === 'deleted') return [];
    const received = fieldOf(contact, 'Received');
    const socket = fieldOf(contact, 'Socket');
    return [{ uri: contact.Address, ...(received ? { received } : {}), ...(socket ? { socket } : {}) }];
  });
}

/** A SIP display name, quoted (RFC 3261 §25.1 quoted-string): no CR/LF, `"` and `\` escaped. */
function quoted(name: string): string {
  return `"${name.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * The `tm.t_uac_wait` parameters of one MESSAGE to `contact`. tm adds the From tag, Call-ID, CSeq
 * and Content-Length itself (it refuses a Content-Length given).
 */
export function messageRequestOf(message: OutgoingSipMessage, contact: PhoneContact, domain: string): string[] {
  const headers =
    `From: ${quoted(message.fromName)} <sip:${message.from}@${domain}>\r\n` +
    `To: <sip:${message.to}@${domain}>\r\n` +
    // the sender is who the proxy vouches for (RFC 3325), like a call from a colleague
    `P-Asserted-Identity: <sip:${message.from}@${domain}>\r\n` +
    'Content-Type: text/plain;charset=UTF-8\r\n';
  return ['MESSAGE', contact.uri, contact.received ?? '.', contact.socket ?? '.', headers, message.text];
}

/** The SIP status of a `tm.t_uac_wait` answer (`[code, reason, …]`), or undefined. */
export function statusOf(result: unknown): number | undefined {
  const code = Array.isArray(result) ? result[0] : isRecord(result) ? result.code : undefined;
  const n = typeof code === 'string' ? Number(code) : code;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/** Sends stored messages to the recipient's plain SIP devices through Kamailio (see the file comment). */
export class SipMessageSender {
  constructor(
    private readonly rpc: KamailioRpc,
    /** the SIP domain of the AORs (config.sipDomain) */
    private readonly domain: string,
  ) {}

  /** The recipient's phones now (none when the user has no registered device). */
  async phonesOf(user: string): Promise<PhoneContact[]> {
    try {
      return phoneContactsOf(await this.rpc.call('ul.lookup', ['location', user]));
    } catch (error) {
      // usrloc answers an AoR without contacts with a fault, not an empty list
      if (error instanceof KamailioRpcError && /not found|no contacts/i.test(error.message)) return [];
      throw error;
    }
  }

  /**
   * One MESSAGE per phone of the recipient, in parallel; resolves when each has a final answer (or
   * failed). Throws only when the devices cannot be listed (Kamailio unreachable).
   */
  async deliver(message: OutgoingSipMessage): Promise<SipDeliveryResult> {
    const phones = await this.phonesOf(message.to);
    const answers = await Promise.all(
      phones.map(async (phone) => {
        try {
          return statusOf(await this.rpc.call('tm.t_uac_wait', messageRequestOf(message, phone, this.domain)));
        } catch {
          return undefined;
        }
      }),
    );
    return {
      devices: phones.length,
      delivered: answers.filter((code) => code !== undefined && code >= 200 && code < 300).length,
    };
  }
}
