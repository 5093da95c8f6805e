import { describe, expect, it } from 'vitest';
import { decideLinkDial, type LinkOrigin } from '../../../../src-main/core/features/desktop/links/link-dial-policy';
import {
  parseTelephonyUri,
  type TelephonyLink,
} from '../../../../src-main/core/features/desktop/links/parse-telephony-uri';

function link(uri: string): TelephonyLink {
  const result = parseTelephonyUri(uri);
  if (!result.ok) throw new Error(`fixture ${uri} refused: ${result.reason}`);
  return result;
}

describe('decideLinkDial (SPEC G1)', () => {
  it('dials at once only for a click inside our own window', () => {
    expect(decideLinkDial(link('tel:+1-201-555-0123'), 'in-app-click')).toEqual({
      action: 'dial',
      number: '+12015550123',
      display: '+1 201 555 0123',
    });
  });

  it.each<LinkOrigin>(['os-second-instance', 'os-open-url', 'cold-start-argv'])(
    'asks first, showing the number, for an OS-delivered link (%s)',
    (origin) => {
      expect(decideLinkDial(link('sip:alice@example.com'), origin)).toEqual({
        action: 'confirm',
        number: 'sip:alice@example.com',
        display: 'alice@example.com',
      });
    },
  );

  it('throws on an unknown origin from untyped data', () => {
    expect(() => decideLinkDial(link('tel:+12015550123'), 'web-page' as LinkOrigin)).toThrow(/Unknown link origin/);
  });
});
