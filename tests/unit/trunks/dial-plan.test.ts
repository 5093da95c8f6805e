/** The trunk dial plan (SPEC C5, G): emergency first, internal numbers, public numbers, carrier formats. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EMERGENCY_NUMBERS,
  classifyDialed,
  formatForCarrier,
  normalizeCarrierNumber,
  provisionedDialPlan,
  type DialPlanSettings,
} from '../../../server/src/features/trunks';

const fr: DialPlanSettings = { outsidePrefix: '0', country: 'FR', emergencyNumbers: DEFAULT_EMERGENCY_NUMBERS };
const plain: DialPlanSettings = { outsidePrefix: '', country: undefined, emergencyNumbers: DEFAULT_EMERGENCY_NUMBERS };

describe('classifyDialed', () => {
  it('takes emergency numbers first, even when an internal user has the same number', () => {
    expect(classifyDialed('112', fr, true)).toEqual({ kind: 'emergency', number: '112' });
    expect(classifyDialed('15', fr, false)).toEqual({ kind: 'emergency', number: '15' });
    expect(classifyDialed('911', plain, false)).toEqual({ kind: 'emergency', number: '911' });
    // with the outside prefix in front, out as the bare emergency number
    expect(classifyDialed('0112', fr, false)).toEqual({ kind: 'emergency', number: '112' });
    expect(classifyDialed('113', fr, false)).toEqual({ kind: 'internal' });
  });

  it('leaves users, short numbers and names to the usual routing', () => {
    expect(classifyDialed('100', fr, true)).toEqual({ kind: 'internal' });
    expect(classifyDialed('4711', fr, false)).toEqual({ kind: 'internal' });
    expect(classifyDialed('voicemail', fr, false)).toEqual({ kind: 'internal' });
    expect(classifyDialed('vm101', fr, false)).toEqual({ kind: 'internal' });
  });

  it('reads +E.164, outside prefix + national or international, and national numbers', () => {
    const mobile = { kind: 'external', e164: '+33612345678', digits: '+33612345678' };
    expect(classifyDialed('+33612345678', fr, false)).toEqual(mobile);
    expect(classifyDialed('00612345678', fr, false)).toEqual(mobile); // 0 + 06 12 34 56 78
    expect(classifyDialed('0612345678', fr, false)).toEqual(mobile); // national, no prefix
    expect(classifyDialed('000442079460958', fr, false)).toMatchObject({ e164: '+442079460958' }); // 0 + 00 44…
    expect(classifyDialed('+33612345678', plain, false)).toEqual(mobile);
    // no country: a long national number goes to the carrier as dialed
    expect(classifyDialed('0612345678', plain, false)).toEqual({
      kind: 'external',
      e164: undefined,
      digits: '0612345678',
    });
  });

  it('refuses what looks public but is no possible number', () => {
    expect(classifyDialed('+999', fr, false)).toMatchObject({ kind: 'invalid' });
  });
});

describe('formatForCarrier', () => {
  it('writes E.164 or the national form of the trunk country (international dialing form for others)', () => {
    expect(formatForCarrier('+33612345678', 'e164', 'FR')).toBe('+33612345678');
    expect(formatForCarrier('+33612345678', 'national', 'FR')).toBe('0612345678');
    expect(formatForCarrier('+442079460958', 'national', 'FR')).toBe('00442079460958');
    expect(formatForCarrier('+33612345678', 'national', undefined)).toBe('+33612345678');
  });
});

describe('normalizeCarrierNumber', () => {
  it('gives +E.164 for the forms carriers send, undefined for anonymous or short codes', () => {
    expect(normalizeCarrierNumber('+33612345678', 'FR')).toBe('+33612345678');
    expect(normalizeCarrierNumber('0612345678', 'FR')).toBe('+33612345678');
    expect(normalizeCarrierNumber('0033612345678', undefined)).toBe('+33612345678');
    expect(normalizeCarrierNumber('33612345678', undefined)).toBe('+33612345678');
    expect(normalizeCarrierNumber('%2B33123456789', 'FR')).toBe('+33123456789');
    expect(normalizeCarrierNumber('anonymous', 'FR')).toBeUndefined();
    expect(normalizeCarrierNumber('3665', 'FR')).toBeUndefined();
  });
});

describe('provisionedDialPlan', () => {
  it('hands the apps the outside prefix and the country (SPEC C5: "internal or external?")', () => {
    expect(provisionedDialPlan(fr)).toEqual({ outsidePrefix: '0', country: 'FR' });
    expect(provisionedDialPlan(plain)).toEqual({ outsidePrefix: '' });
  });
});
