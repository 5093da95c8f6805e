import { XMLParser } from 'fast-xml-parser';
import { asArray, field, isRecord, textOf } from '../platform/parsed-xml';

/**
 * The registration state document of the SIP "reg" event package
 * (`application/reginfo+xml`, RFC 3680 §5.3): which contacts the registrar
 * holds for an address of record. A user agent subscribed to its own AOR
 * learns at once when its binding is removed or expires, so it never shows
 * "Registered" while the registrar would send its calls nowhere.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3680#section-5.3 reginfo document
 */
export interface Reginfo {
  version: number;
  state: 'full' | 'partial';
  registrations: ReginfoRegistration[];
}

export interface ReginfoRegistration {
  aor: string;
  id: string;
  state: 'init' | 'active' | 'terminated';
  contacts: ReginfoContact[];
}

/** RFC 3680 §5.1.2 contact state machine events. */
export type ReginfoContactEvent =
  | 'registered'
  | 'created'
  | 'refreshed'
  | 'shortened'
  | 'expired'
  | 'deactivated'
  | 'probation'
  | 'unregistered'
  | 'rejected';

export interface ReginfoContact {
  id: string;
  state: 'active' | 'terminated';
  event: ReginfoContactEvent;
  uri: string;
  /** seconds left, when the registrar says */
  expires?: number;
}

/** Thrown for a body that is not a reginfo document we can trust. */
export class MalformedReginfoError extends Error {
  constructor(reason: string) {
    super(`malformed reginfo: ${reason}`);
    this.name = 'MalformedReginfoError';
  }
}

const CONTACT_EVENTS: readonly ReginfoContactEvent[] = [
  'registered',
  'created',
  'refreshed',
  'shortened',
  'expired',
  'deactivated',
  'probation',
  'unregistered',
  'rejected',
];
/** A NOTIFY body is small; anything bigger is not a registrar talking about one AOR. */
const MAX_BODY_BYTES = 64 * 1024;

const parser = (): XMLParser =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    // no entity expansion: a NOTIFY body must not be able to blow up memory
    processEntities: false,
    isArray: (name) => name === 'registration' || name === 'contact',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
  });

/**
 * Parses a reginfo body.
 * @throws MalformedReginfoError when it is not well-formed or misses required parts
 */
export function parseReginfo(body: string): Reginfo {
  if (body.length > MAX_BODY_BYTES) throw new MalformedReginfoError('body too large');
  let doc: unknown;
  try {
    doc = parser().parse(body, true);
  } catch (error) {
    throw new MalformedReginfoError(error instanceof Error ? error.message : String(error));
  }
  const root = field(doc, 'reginfo');
  if (!isRecord(root)) throw new MalformedReginfoError('no <reginfo> root');
  const version = Number(root['@version']);
  if (!Number.isInteger(version) || version < 0) throw new MalformedReginfoError('bad version');
  const state = root['@state'];
  if (state !== 'full' && state !== 'partial') throw new MalformedReginfoError('bad state');
  const registrations = asArray(root['registration']).map(parseRegistration);
  return { version, state, registrations };
}

function parseRegistration(value: unknown): ReginfoRegistration {
  if (!isRecord(value)) throw new MalformedReginfoError('bad <registration>');
  const aor = value['@aor'];
  const id = value['@id'];
  const state = value['@state'];
  if (typeof aor !== 'string' || typeof id !== 'string') throw new MalformedReginfoError('registration without aor/id');
  if (state !== 'init' && state !== 'active' && state !== 'terminated') {
    throw new MalformedReginfoError('bad registration state');
  }
  return { aor, id, state, contacts: asArray(value['contact']).map(parseContact) };
}

function parseContact(value: unknown): ReginfoContact {
  if (!isRecord(value)) throw new MalformedReginfoError('bad <contact>');
  const id = value['@id'];
  const state = value['@state'];
  const event = value['@event'];
  const uri = textOf(value['uri']);
  if (typeof id !== 'string' || uri === undefined) throw new MalformedReginfoError('contact without id/uri');
  if (state !== 'active' && state !== 'terminated') throw new MalformedReginfoError('bad contact state');
  if (!CONTACT_EVENTS.includes(event as ReginfoContactEvent)) throw new MalformedReginfoError('bad contact event');
  const expires = Number(value['@expires']);
  return {
    id,
    state,
    event: event as ReginfoContactEvent,
    uri,
    ...(Number.isFinite(expires) && value['@expires'] !== undefined ? { expires } : {}),
  };
}

/**
 * Our own contact in a reginfo document for `aor`, found by the user part of
 * the Contact URI we registered (sip.js makes a random one per user agent;
 * the registrar keeps it as sent even when it stores the NAT-fixed address).
 * `undefined` when the document does not mention it.
 */
export function findOwnContact(info: Reginfo, aorUser: string, contactUser: string): ReginfoContact | undefined {
  const registration = info.registrations.find((r) => userOf(r.aor) === aorUser);
  return registration?.contacts.find((c) => userOf(c.uri) === contactUser);
}

/** User part of a sip:/sips: URI (`sip:alice@host;x` → `alice`), or undefined. */
function userOf(uri: string): string | undefined {
  const match = /^\s*<?sips?:([^@;>]+)@/i.exec(uri);
  return match?.[1];
}
