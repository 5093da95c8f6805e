/**
 * One definition per fact (issue #9): the renderer uses the contract's, and
 * shows the same as before — presence state names, the directory filter
 * order, the contact form's fields and limits, the popup timing, the main
 * view layouts, the headset vendors.
 */
import { describe, expect, it } from 'vitest';
import { decidePopupVisibility, HEADSET_VENDORS, POPUP_TIMED_MS } from '../../../src-preload/contract/desktop';
import { MAIN_VIEWS, mainViewSchema } from '../../../src-preload/contract/settings';
import { HEADSET_VENDORS as ENGINE_HEADSET_VENDORS } from '../../../src-main/core/features/desktop/headsets/headset-adapter';
import { HEADSET_VENDORS as SETTINGS_HEADSET_VENDORS } from '../../../src-renderer/src/features/desktop/headsets/headsets-settings';
import { MAIN_VIEWS as SWITCHER_VIEWS } from '../../../src-renderer/src/features/desktop/views/views-slice';
import { CONTACT_FIELD_MAX_LENGTH, DIRECTORY_GROUP_ORDER } from '../../../src-preload/contract/directory';
import { popupVisibilitySchema } from '../../../src-preload/contract/ipc-contract';
import { PRESENCE_LABELS } from '../../../src-preload/contract/presence';
import { en, fr } from '../../../src-renderer/src/app/i18n-resources';
import { isPopupVisible } from '../../../src-renderer/src/features/desktop/popup/popup-visibility';
import {
  CONTACT_FORM_FIELDS,
  emptyContactValues,
  validateContact,
} from '../../../src-renderer/src/features/directory/contact-fields';
import { FILTERS } from '../../../src-renderer/src/features/directory/search-results';

describe("the renderer's facts come from the contract", () => {
  it('presence state names: the contract labels, in both languages', () => {
    expect((en['presenceState'] as { state: unknown }).state).toEqual(PRESENCE_LABELS.en);
    expect((fr['presenceState'] as { state: unknown }).state).toEqual(PRESENCE_LABELS.fr);
  });

  it('directory filter: all, then the result groups in order', () => {
    expect(FILTERS).toEqual(['all', ...DIRECTORY_GROUP_ORDER]);
    expect(FILTERS).toEqual(['all', 'internal', 'personal', 'system', 'global']);
  });

  it("contact form: the contract's fields but `other`, with its length limits", () => {
    expect(CONTACT_FORM_FIELDS).toEqual(['firstName', 'lastName', 'company', 'email', 'business', 'mobile', 'private']);
    for (const field of CONTACT_FORM_FIELDS) {
      const max = CONTACT_FIELD_MAX_LENGTH[field];
      const values = { ...emptyContactValues(), company: 'ACME', [field]: 'x'.repeat(max) };
      expect(validateContact(values)[field], field).not.toBe('too-long');
      expect(validateContact({ ...values, [field]: 'x'.repeat(max + 1) })[field], field).toBe('too-long');
    }
  });

  it('main view layouts: the switcher offers the settings enum, in the same order as before', () => {
    expect(SWITCHER_VIEWS).toBe(MAIN_VIEWS);
    expect(SWITCHER_VIEWS).toEqual(['list', 'details', 'menu', 'collapsed']);
    expect([...mainViewSchema.options].sort()).toEqual([...MAIN_VIEWS].sort());
  });

  it('headset vendors: one list for the engine and the Settings switches', () => {
    expect(SETTINGS_HEADSET_VENDORS).toBe(HEADSET_VENDORS);
    expect(ENGINE_HEADSET_VENDORS).toBe(HEADSET_VENDORS);
    expect(HEADSET_VENDORS).toEqual(['hid', 'jabra', 'poly']);
  });

  it('popup: the contract policy for the one call', () => {
    for (const visibility of popupVisibilitySchema.options) {
      for (const pageHidden of [false, true]) {
        for (const now of [1_000, 5_999, 6_000, 10_999, 11_000, 500]) {
          const expected =
            decidePopupVisibility({
              setting: visibility,
              mainWindowMinimized: pageHidden,
              ringing: [{ callId: 'c1', since: 1_000 }],
              now,
            }).action === 'show';
          expect(isPopupVisible({ visibility, seenAt: 1_000, now, pageHidden }), `${visibility} ${now}`).toBe(expected);
        }
      }
    }
    expect(Object.values(POPUP_TIMED_MS)).toEqual([5_000, 10_000]);
  });
});
