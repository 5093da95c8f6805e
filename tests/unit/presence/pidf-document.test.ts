import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { PRESENCE_STATES } from '../../../src-preload/contract/presence';
import { pidfDocumentOf, rpidOf } from '../../../server/src/features/presence/pidf-document';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
const ENTITY = 'sip:100@uc.test';

describe('PIDF/RPID document of a presence (RFC 3863, RFC 4480)', () => {
  it('maps each state to basic and the closest RPID activity; office has none', () => {
    expect(Object.fromEntries(PRESENCE_STATES.map((s) => [s, rpidOf(s)]))).toEqual({
      office: { basic: 'open', activity: undefined },
      meeting: { basic: 'open', activity: 'meeting' },
      sick: { basic: 'open', activity: 'away' },
      break: { basic: 'open', activity: 'away' },
      'out-of-office': { basic: 'open', activity: 'away' },
      vacation: { basic: 'open', activity: 'vacation' },
      lunch: { basic: 'open', activity: 'meal' },
      home: { basic: 'open', activity: 'away' },
      dnd: { basic: 'closed', activity: 'busy' },
    });
  });

  it('carries the activity with `until` = the return time and the note, escaped', () => {
    const returnAt = Date.UTC(2030, 0, 2, 15, 30);
    const body = pidfDocumentOf(ENTITY, {
      state: 'meeting',
      note: `<b>Q3</b> & "ops" 'x' ]]> \u0001\u0008 bell 🚀`,
      returnAt,
      visibility: 'all',
      updatedAt: 1,
    });
    expect(body.endsWith('\r\n')).toBe(true);
    expect(XMLValidator.validate(body)).toBe(true);
    expect(body).not.toContain('<b>');
    const doc = parser.parse(body);
    expect(doc.presence['@_entity']).toBe(ENTITY);
    expect(doc.presence.tuple.status.basic).toBe('open');
    expect(doc.presence.person.activities['@_until']).toBe('2030-01-02T15:30:00.000Z');
    expect(doc.presence.person.activities).toHaveProperty('meeting');
    // control characters XML cannot carry are dropped; everything else comes back as typed
    expect(doc.presence.person.note).toBe(`<b>Q3</b> & "ops" 'x' ]]>  bell 🚀`);
  });

  it('office without a note says open and nothing about the person', () => {
    const body = pidfDocumentOf(ENTITY, { state: 'office', visibility: 'internal', updatedAt: 1 });
    expect(body).toContain('<basic>open</basic>');
    expect(body).not.toContain('person');
  });

  it('"not visible": closed, no person, no activity, no note (SPEC B3)', () => {
    const body = pidfDocumentOf(ENTITY, {
      state: 'dnd',
      note: 'secret',
      returnAt: Date.UTC(2030, 0, 1),
      visibility: 'none',
      updatedAt: 1,
    });
    expect(parser.parse(body).presence.tuple.status.basic).toBe('closed');
    expect(body).not.toMatch(/person|activities|note|secret|until|busy/);
  });
});
