import { describe, expect, it } from 'vitest';
import { Grammar } from 'sip.js';
import { callerIdentity } from '../../../src-main/core/features/calls/sip/caller-identity';

const from = (header: string) => {
  const parsed = Grammar.nameAddrHeaderParse(header);
  if (!parsed) throw new Error(`bad From ${header}`);
  return { uri: parsed.uri, displayName: parsed.displayName || undefined };
};

describe('callerIdentity (RFC 3325 P-Asserted-Identity from our proxy)', () => {
  it('a caller our proxy asserted in our domain is the colleague, with the From name', () => {
    expect(callerIdentity(from('"Bruno Müller" <sip:101@uc.test>'), '<sip:101@uc.test>', 'UC.test')).toEqual({
      peer: '101',
      name: 'Bruno Müller',
      external: false,
    });
  });

  it('keeps no name when From names someone else than the asserted user', () => {
    expect(callerIdentity(from('"The CEO" <sip:999@uc.test>'), '<sip:101@uc.test>', 'uc.test')).toEqual({
      peer: '101',
      name: undefined,
      external: false,
    });
  });

  it('no assertion: external, shown as the full URI it claims, without its claimed name', () => {
    expect(callerIdentity(from('"Bruno" <sip:101@elsewhere.example;user=phone>'), undefined, 'uc.test')).toEqual({
      peer: 'sip:101@elsewhere.example',
      name: undefined,
      external: true,
    });
    expect(callerIdentity(from('<sips:gw.example>'), '', 'uc.test').peer).toBe('sips:gw.example');
  });

  it('an assertion in another domain (a trunk) is an external number', () => {
    expect(
      callerIdentity(from('<sip:anon@trunk.example>'), '<tel:+33123>, <sip:+33123456789@trunk.example>', 'uc.test'),
    ).toEqual({
      peer: '+33123456789',
      name: undefined,
      external: true,
    });
  });

  it('a tel: assertion (a trunk call, issue #12) is an external number in +E.164, never a colleague', () => {
    expect(callerIdentity(from('"Bruno" <sip:101@uc.test>'), '<tel:+33698765432>', 'uc.test')).toEqual({
      peer: '+33698765432',
      name: undefined,
      external: true,
    });
    // a local tel: number (no "+") is not a global number: the From URI is shown
    expect(callerIdentity(from('<sip:0698@carrier.example>'), '<tel:0698>', 'uc.test').peer).toBe(
      'sip:0698@carrier.example',
    );
  });

  it('a malformed assertion counts as none', () => {
    expect(callerIdentity(from('<sip:101@uc.test>'), '<<garbage', 'uc.test')).toMatchObject({
      peer: 'sip:101@uc.test',
      external: true,
    });
  });
});
