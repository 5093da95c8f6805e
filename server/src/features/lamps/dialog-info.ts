/**
 * The dialog-info document (RFC 4235, `application/dialog-info+xml`) as
 * Kamailio's pua_dialoginfo publishes it for each party of a call: one dialog
 * per document, its state, its direction and the other party's identity.
 * Its sibling for registrations is the contract's `parseReginfo` (RFC 3680).
 *
 * @see https://www.rfc-editor.org/rfc/rfc4235#section-4.1
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { asArray, field, isRecord, textOf } from '../../../../src-preload/contract/platform';

/** RFC 4235 §3.7.1 dialog states (pua_dialoginfo writes "Trying" capitalised: compared in lower case). */
export const DIALOG_PHASES = ['trying', 'proceeding', 'early', 'confirmed', 'terminated'] as const;
export type DialogPhase = (typeof DIALOG_PHASES)[number];

/** RFC 4235 §4.1.2: whether the entity sent the INVITE (initiator) or received it (recipient). */
export type DialogDirection = 'initiator' | 'recipient';

/** One dialog of a dialog-info document. */
export interface DialogInfo {
  /** pua_dialoginfo's id of the dialog (a UUID of its own, not the Call-ID) */
  readonly id: string;
  readonly direction: DialogDirection;
  readonly phase: DialogPhase;
  /** the other party's identity URI (`<remote><identity>`), when present */
  readonly remote: string | undefined;
}

/** A dialog-info document: whose line, and its dialogs. */
export interface DialogInfoDocument {
  readonly entity: string;
  readonly dialogs: readonly DialogInfo[];
}

/** A body that is not a dialog-info document we can use (logged and ignored by the caller). */
export class MalformedDialogInfoError extends Error {
  constructor(reason: string) {
    super(`malformed dialog-info: ${reason}`);
    this.name = 'MalformedDialogInfoError';
  }
}

/** pua_dialoginfo's documents are well under 2 KB. */
const MAX_BODY_CHARS = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // no entity expansion: a body must not be able to blow up memory
  processEntities: false,
  isArray: (name) => name === 'dialog',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

/**
 * Parses a dialog-info body.
 * @throws MalformedDialogInfoError when it is not well-formed or misses what the lamps need
 */
export function parseDialogInfo(body: string): DialogInfoDocument {
  if (body.length > MAX_BODY_CHARS) throw new MalformedDialogInfoError('body too large');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new MalformedDialogInfoError(`${valid.err.msg} (line ${valid.err.line})`);
  const root = field(parser.parse(body), 'dialog-info');
  if (!isRecord(root)) throw new MalformedDialogInfoError('no <dialog-info> root');
  const entity = root['@entity'];
  if (typeof entity !== 'string' || entity === '') throw new MalformedDialogInfoError('no entity');
  const dialogs = asArray(root['dialog']).map(parseDialog);
  return { entity, dialogs };
}

function parseDialog(value: unknown): DialogInfo {
  if (!isRecord(value)) throw new MalformedDialogInfoError('bad <dialog>');
  const id = value['@id'];
  if (typeof id !== 'string' || id === '') throw new MalformedDialogInfoError('dialog without id');
  const direction = value['@direction'];
  if (direction !== 'initiator' && direction !== 'recipient')
    throw new MalformedDialogInfoError('dialog without direction');
  const phase = textOf(value['state'])?.toLowerCase();
  if (!(DIALOG_PHASES as readonly (string | undefined)[]).includes(phase))
    throw new MalformedDialogInfoError('bad dialog state');
  const remote = field(value['remote'], 'identity');
  return { id, direction, phase: phase as DialogPhase, remote: textOf(remote) };
}
