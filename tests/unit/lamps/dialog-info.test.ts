import { describe, expect, it } from 'vitest';
import { MalformedDialogInfoError, parseDialogInfo } from '../../../server/src/features/lamps/dialog-info';

/** What pua_dialoginfo publishes (Kamailio 5.6, include_localremote 1, no Call-ID or tags). */
const PUA_EARLY = `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:101@127.0.0.1">
  <dialog id="padi-6b16c838-1ba-1" direction="recipient">
    <state>early</state>
    <remote>
      <identity display="Alice &amp; co">sip:100@127.0.0.1</identity>
      <target uri="sip:eehbncj2@908fs224l82u.invalid;transport=ws;ob"/>
    </remote>
    <local>
      <identity>sip:101@127.0.0.1</identity>
      <target uri="sip:101@127.0.0.1"/>
    </local>
  </dialog>
</dialog-info>`;

describe('parseDialogInfo', () => {
  it('reads the entity, and each dialog’s id, direction, state and remote identity', () => {
    expect(parseDialogInfo(PUA_EARLY)).toEqual({
      entity: 'sip:101@127.0.0.1',
      dialogs: [{ id: 'padi-6b16c838-1ba-1', direction: 'recipient', phase: 'early', remote: 'sip:100@127.0.0.1' }],
    });
  });

  it('reads pua_dialoginfo’s capitalised "Trying" and a dialog without parties (stripped for watchers)', () => {
    const body =
      '<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full" entity="sip:100@h">' +
      '<dialog id="a" direction="initiator"><state>Trying</state></dialog></dialog-info>';
    expect(parseDialogInfo(body).dialogs).toEqual([
      { id: 'a', direction: 'initiator', phase: 'trying', remote: undefined },
    ]);
  });

  it('reads a document with no dialog (nothing going on)', () => {
    expect(parseDialogInfo('<dialog-info entity="sip:100@h" version="0" state="full"/>').dialogs).toEqual([]);
  });

  it.each([
    ['not XML', 'hello'],
    ['truncated', '<dialog-info entity="sip:100@h"><dialog'],
    ['another root', '<presence entity="sip:100@h"/>'],
    ['no entity', '<dialog-info><dialog id="a" direction="initiator"><state>early</state></dialog></dialog-info>'],
    ['no id', '<dialog-info entity="e"><dialog direction="initiator"><state>early</state></dialog></dialog-info>'],
    [
      'bad direction',
      '<dialog-info entity="e"><dialog id="a" direction="up"><state>early</state></dialog></dialog-info>',
    ],
    [
      'bad state',
      '<dialog-info entity="e"><dialog id="a" direction="initiator"><state>busy</state></dialog></dialog-info>',
    ],
    ['too large', `<dialog-info entity="e">${' '.repeat(70_000)}</dialog-info>`],
  ])('refuses %s', (_what, body) => {
    expect(() => parseDialogInfo(body)).toThrow(MalformedDialogInfoError);
  });

  it('does not expand entities (no billion laughs)', () => {
    const body =
      '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<dialog-info entity="&b;"><dialog id="x" direction="initiator"><state>early</state></dialog></dialog-info>';
    let entity: string | undefined;
    try {
      entity = parseDialogInfo(body).entity;
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedDialogInfoError);
    }
    expect(entity ?? '').not.toContain('aaaaaaaaaa');
  });
});
