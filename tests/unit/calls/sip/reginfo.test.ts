import { describe, expect, it } from 'vitest';
import { findOwnContact, MalformedReginfoError, parseReginfo } from '../../../../src-preload/contract/sip/reginfo';

/** As Kamailio's presence_reginfo sends it (pua_reginfo's document). */
const kamailioDoc = (state: string, event: string): string => `<?xml version="1.0"?>
<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="3" state="full">
  <registration aor="sip:101@127.0.0.1" id="0x7f1" state="${state === 'active' ? 'active' : 'terminated'}">
    <contact id="0x7f2" state="${state}" event="${event}" expires="294">
      <uri>sip:l85m3soo@jt1d7lhrtn6r.invalid;transport=ws</uri>
    </contact>
    <contact id="0x7f3" state="active" event="registered" expires="3600">
      <uri>sip:101@192.0.2.7:5060</uri>
    </contact>
  </registration>
</reginfo>`;

describe('reginfo (RFC 3680)', () => {
  it('parses registrations and contacts', () => {
    const info = parseReginfo(kamailioDoc('active', 'registered'));
    expect(info).toEqual({
      version: 3,
      state: 'full',
      registrations: [
        {
          aor: 'sip:101@127.0.0.1',
          id: '0x7f1',
          state: 'active',
          contacts: [
            {
              id: '0x7f2',
              state: 'active',
              event: 'registered',
              uri: 'sip:l85m3soo@jt1d7lhrtn6r.invalid;transport=ws',
              expires: 294,
            },
            { id: '0x7f3', state: 'active', event: 'registered', uri: 'sip:101@192.0.2.7:5060', expires: 3600 },
          ],
        },
      ],
    });
  });

  it('finds our own contact by the user part of the Contact we registered', () => {
    const gone = parseReginfo(kamailioDoc('terminated', 'unregistered'));
    expect(findOwnContact(gone, '101', 'l85m3soo')).toMatchObject({ state: 'terminated', event: 'unregistered' });
    expect(findOwnContact(gone, '101', 'someoneelse')).toBeUndefined();
    expect(findOwnContact(gone, '102', 'l85m3soo')).toBeUndefined();
  });

  it('accepts a document with no registration (nothing registered)', () => {
    expect(
      parseReginfo('<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="0" state="full"/>').registrations,
    ).toEqual([]);
  });

  it.each([
    ['not XML', 'hello'],
    ['unclosed tags', '<reginfo version="1" state="full"><registration>'],
    ['another document', '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"/>'],
    ['a bad version', '<reginfo version="x" state="full"/>'],
    ['a bad state', '<reginfo version="1" state="half"/>'],
    [
      'a contact without uri',
      '<reginfo version="1" state="full"><registration aor="sip:a@b" id="1" state="active"><contact id="2" state="active" event="registered"/></registration></reginfo>',
    ],
    [
      'an unknown contact event',
      '<reginfo version="1" state="full"><registration aor="sip:a@b" id="1" state="active"><contact id="2" state="active" event="exploded"><uri>sip:x@y</uri></contact></registration></reginfo>',
    ],
    ['a huge body', `<reginfo version="1" state="full">${' '.repeat(70_000)}</reginfo>`],
  ])('refuses %s with MalformedReginfoError', (_what, body) => {
    expect(() => parseReginfo(body)).toThrow(MalformedReginfoError);
  });

  it('does not expand entities (no billion laughs)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<reginfo version="1" state="full"><registration aor="sip:a@b" id="&b;" state="active"/></reginfo>`;
    const info = parseReginfo(bomb);
    expect(info.registrations[0]!.id.length).toBeLessThan(20);
  });
});
