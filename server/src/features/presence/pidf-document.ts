/**
 * A user's presence as a PIDF document (RFC 3863) with RPID (RFC 4480), what
 * Kamailio's presence server hands to plain SIP watchers (desk phones,
 * baresip, linphone) SUBSCRIBEd to the user's `presence` event.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { assertNever } from '../../../../src-preload/contract/platform/assert-never';
import type { Presence, PresenceState } from '../../../../src-preload/contract/presence';

export const PIDF_CONTENT_TYPE = 'application/pidf+xml';

const PIDF_NS = 'urn:ietf:params:xml:ns:pidf';
const DM_NS = 'urn:ietf:params:xml:ns:pidf:data-model';
const RPID_NS = 'urn:ietf:params:xml:ns:pidf:rpid';

/** RFC 4480 §3.2 activities (the subset our states map to). */
export type RpidActivity = 'meeting' | 'meal' | 'vacation' | 'busy' | 'away';

/**
 * The closest RFC 4480 activity of each SPEC B1 state, and whether the
 * line accepts calls (RFC 3863 `basic`). `away` ("physically away from all
 * interactive communication devices") stands for the states RPID has no
 * word for (sick, break, out of office, gone home). Do not disturb is
 * `busy` and `closed`: the UC server sends its callers to busy/voicemail
 * (features/routing). Office is available: open, no activity.
 */
export function rpidOf(state: PresenceState): { basic: 'open' | 'closed'; activity: RpidActivity | undefined } {
  switch (state) {
    case 'office':
      return { basic: 'open', activity: undefined };
    case 'meeting':
      return { basic: 'open', activity: 'meeting' };
    case 'lunch':
      return { basic: 'open', activity: 'meal' };
    case 'vacation':
      return { basic: 'open', activity: 'vacation' };
    case 'dnd':
      return { basic: 'closed', activity: 'busy' };
    case 'sick':
    case 'break':
    case 'out-of-office':
    case 'home':
      return { basic: 'open', activity: 'away' };
    default:
      return assertNever(state, 'unknown presence state');
  }
}

// XML 1.0 §2.2 Char: control characters (but tab, LF, CR) and lone surrogates cannot appear even escaped
const XML_ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  // escapes & < > " ' in text and attributes (the note is the user's free text)
  processEntities: true,
});

/**
 * The PIDF body published for `entity` (e.g. `sip:100@uc.test`), or the
 * document of a user who chose "not visible" (SPEC B3): `closed`, no person,
 * no activity, no note — what a watcher of an unknown or absent user sees, so
 * it learns nothing (it cannot even tell "hidden" from "not signed in"), and
 * every existing SIP watcher loses the state and note with the next NOTIFY.
 * Ends with CRLF (pua_rpc wants it).
 */
export function pidfDocumentOf(entity: string, presence: Presence): string {
  const tuple = (basic: 'open' | 'closed') => ({ '@_id': 'uc', status: { basic } });
  if (presence.visibility === 'none') {
    return build({ presence: { '@_xmlns': PIDF_NS, '@_entity': entity, tuple: tuple('closed') } });
  }
  const { basic, activity } = rpidOf(presence.state);
  const note = presence.note?.replace(XML_ILLEGAL, '').trim();
  const person: Record<string, unknown> = { '@_id': 'p-uc' };
  if (activity !== undefined) {
    person['rpid:activities'] = {
      ...(presence.returnAt !== undefined ? { '@_until': new Date(presence.returnAt).toISOString() } : {}),
      [`rpid:${activity}`]: '',
    };
  }
  if (note !== undefined && note !== '') person['dm:note'] = note;
  return build({
    presence: {
      '@_xmlns': PIDF_NS,
      '@_xmlns:dm': DM_NS,
      '@_xmlns:rpid': RPID_NS,
      '@_entity': entity,
      tuple: tuple(basic),
      // office without a note: nothing to say about the person
      ...(Object.keys(person).length > 1 ? { 'dm:person': person } : {}),
    },
  });
}

function build(document: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\r\n${builder.build(document) as string}\r\n`;
}
