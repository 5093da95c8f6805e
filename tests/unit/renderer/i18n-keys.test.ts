/**
 * English and French must offer exactly the same keys, every error code the
 * engine can send must be translated, every enum the UI renders through a
 * dynamic key must be covered, and every literal t('key') in a component must exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VoipProblem } from '../../../src-preload/contract/calls/voip-ipc';
import { HOTKEY_ERRORS } from '../../../src-main/core/features/desktop/hotkey/validate-accelerator';
import type { SelectionError } from '../../../src-main/core/features/desktop/hotkey/selection-to-number';
import { TELEPHONY_URI_ERRORS } from '../../../src-main/core/features/desktop/links/parse-telephony-uri';
import {
  callStateSchema,
  dateFormatSchema,
  mainViewSchema,
  popupVisibilitySchema,
  sessionStatusSchema,
  type HeadsetVendorStatusView,
  type HotkeyPressView,
  type HotkeyState,
  CALL_END_REASONS,
  CALL_RESULTS,
  type DirectorySource,
  type IpcErrorCode,
  type LoginError,
  type NumberKind,
  type SyncState,
} from '../../../src-preload/contract/ipc-contract';
import type { ContactFieldError } from '../../../src-renderer/src/features/directory/contact-fields';
import { CONTACT_FORM_FIELDS } from '../../../src-renderer/src/features/directory/contact-fields';
import { PASSWORD_RULES } from '../../../src-preload/contract/session/password-policy';
import { DIAL_TARGET_ERRORS } from '../../../src-preload/contract/calls/dial-target';
import { REGISTRATION_ISSUES } from '../../../src-preload/contract/sip/registration-state';
import { IMPORT_ENCODINGS, IMPORT_LOCAL_ERRORS } from '../../../src-renderer/src/features/directory/contacts-slice';
import { MENU_TABS } from '../../../src-renderer/src/app/feature-views';
import { importFormatSchema } from '../../../src-preload/contract/directory';
import { languageSchema } from '../../../src-preload/contract/settings';
import { LINE_STATES } from '../../../src-preload/contract/presence';
import type { PasswordChangeError } from '../../../src-renderer/src/features/session/session-slice';
import type { ServerInputError } from '../../../src-renderer/src/features/settings/settings-slice';
import { en } from '../../../src-renderer/src/app/i18n-resources';
import { fr } from '../../../src-renderer/src/app/i18n-resources';

const srcDir = join(import.meta.dirname, '../../../src-renderer/src');

/** "a.b.c" for every leaf; values must be non-empty strings. */
export function flattenKeys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (typeof value !== 'object' || value === null) throw new Error(`${prefix} is not a string or object`);
  return Object.entries(value).flatMap(([k, v]) => flattenKeys(v, prefix ? `${prefix}.${k}` : k));
}

function leaf(resources: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);
}

// Records (not arrays) so the type checker fails when the contract gains a member.
const errorCodes: Record<IpcErrorCode, true> = {
  'invalid-payload': true,
  'forbidden-sender': true,
  'unknown-channel': true,
  'invalid-number': true,
  'ambiguous-number': true,
  'invalid-server': true,
  'cleartext-server': true,
  'not-registered': true,
  'unknown-call': true,
  'invalid-state': true,
  'not-logged-in': true,
  'weak-password': true,
  'wrong-current-password': true,
  'same-password': true,
  'server-unreachable': true,
  'not-found': true,
  'import-failed': true,
  'invalid-hotkey': true,
  'invalid-link': true,
  'unknown-request': true,
  'media-unavailable': true,
  'voip-disabled': true,
  'voip-unavailable': true,
  'invalid-ice-server': true,
  'duplicate-ice-server': true,
  'invalid-profile': true,
  'invalid-photo': true,
  'weak-pin': true,
  'wrong-current-pin': true,
  'too-many-attempts': true,
  internal: true,
};
const hotkeyStates: Record<HotkeyState, true> = { off: true, registered: true, invalid: true, taken: true };
const pressOutcomes: Record<HotkeyPressView['outcome'], true> = {
  dialed: true,
  'no-number': true,
  'selection-failed': true,
  'dial-failed': true,
  busy: true,
};
const selectionErrors: Record<SelectionError, true> = {
  empty: true,
  'too-long': true,
  'no-number': true,
  'invalid-number': true,
};
const headsetVendors: Record<HeadsetVendorStatusView['vendor'], true> = { hid: true, jabra: true, poly: true };
const loginErrors: Record<LoginError, true> = {
  'invalid-credentials': true,
  'too-many-attempts': true,
  'server-unreachable': true,
  'bad-server-reply': true,
  'sip-auth-failed': true,
  'untrusted-certificate': true,
  'certificate-changed': true,
  'cleartext-sip': true,
};
const sources: Record<DirectorySource, true> = { internal: true, personal: true, system: true, global: true };
const numberKinds: Record<NumberKind, true> = {
  internal: true,
  business: true,
  mobile: true,
  private: true,
  other: true,
};
const syncStatuses: Record<SyncState['status'], true> = { idle: true, syncing: true, offline: true };
const contactFieldErrors: Record<ContactFieldError, true> = {
  'name-required': true,
  'invalid-email': true,
  'invalid-number': true,
  'too-long': true,
};
const serverInputErrors: Record<ServerInputError, true> = { empty: true, invalid: true, duplicate: true, full: true };
/** form-specific password errors (the others are IpcErrorCodes, rendered as error.<code>) */
const passwordFormErrors: Record<Exclude<PasswordChangeError, IpcErrorCode> | 'weak-password' | 'same-password', true> =
  {
    'missing-fields': true,
    mismatch: true,
    weak: true,
    'weak-password': true,
    'same-password': true,
  };
const voipProblems: Record<VoipProblem, true> = {
  disabled: true,
  'no-media-host': true,
  'no-webrtc': true,
  'no-microphone': true,
};
const endReasons = CALL_END_REASONS;
const results = CALL_RESULTS;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

describe('i18n resources', () => {
  it('flattenKeys sees nested keys (self-check)', () => {
    expect(flattenKeys({ a: { b: 'x', c: 'y' }, d: 'z' })).toEqual(['a.b', 'a.c', 'd']);
  });

  it('en and fr have exactly the same key set', () => {
    const enKeys = new Set(flattenKeys(en));
    const frKeys = new Set(flattenKeys(fr));
    expect(
      [...enKeys].filter((k) => !frKeys.has(k)),
      'missing in fr',
    ).toEqual([]);
    expect(
      [...frKeys].filter((k) => !enKeys.has(k)),
      'missing in en',
    ).toEqual([]);
  });

  it('no translation is empty', () => {
    for (const resources of [en, fr]) {
      for (const key of flattenKeys(resources)) expect(String(leaf(resources, key)).trim(), key).not.toBe('');
    }
  });

  it('translates every enum rendered through a dynamic key', () => {
    const required = [
      ...Object.keys(errorCodes).map((c) => `error.${c}`),
      ...Object.keys(endReasons).map((r) => `endReason.${r}`),
      ...Object.keys(results).map((r) => `journal.result.${r}`),
      ...sessionStatusSchema.options.map((s) => `status.${s}`),
      ...callStateSchema.options.map((s) => `callState.${s}`),
      // lib/journal-outcome.ts labels
      'journal.outcome.cancelled',
      'journal.outcome.unreachable',
      'journal.outcome.voicemail',
      'journal.outcome.voicemailDnd',
      'journal.outcome.doNotDisturb',
      'journal.pickedUpBy',
      ...REGISTRATION_ISSUES.map((issue) => `registrationIssue.${issue}`),
      'journal.forwarded',
      'journal.direction.incoming',
      'journal.direction.outgoing',
      ...Object.keys(loginErrors).map((e) => `loginError.${e}`),
      ...Object.keys(sources).map((x) => `directory.source.${x}`),
      ...Object.keys(numberKinds).map((k) => `numberKind.${k}`),
      ...Object.keys(syncStatuses).map((x) => `sync.status.${x}`),
      ...Object.keys(contactFieldErrors).map((e) => `contact.fieldError.${e}`),
      ...Object.keys(serverInputErrors).map((e) => `settings.serverError.${e}`),
      ...Object.keys(voipProblems).map((p) => `voip.problem.${p}`),
      ...Object.keys(passwordFormErrors).map((e) => `password.error.${e}`),
      ...Object.keys(DIAL_TARGET_ERRORS).map((e) => `dial.invalid.${e}`),
      ...PASSWORD_RULES.map((r) => `password.rule.${r}`),
      ...CONTACT_FORM_FIELDS.map((f) => `contact.field.${f}`),
      ...IMPORT_ENCODINGS.map((e) => `import.encodingName.${e}`),
      ...IMPORT_LOCAL_ERRORS.map((e) => `import.localError.${e}`),
      'import.formatName.csv',
      'import.formatName.xml',
      // issue #4: links, hotkey, headsets, popup, date format, views
      ...TELEPHONY_URI_ERRORS.map((e) => `links.error.${e}`),
      'links.error.unknown',
      ...HOTKEY_ERRORS.map((e) => `hotkey.error.${e}`),
      'hotkey.error.copy-unavailable',
      'hotkey.error.unknown',
      ...Object.keys(hotkeyStates).map((s) => `hotkey.status.${s}`),
      ...Object.keys(pressOutcomes).map((o) => `hotkey.press.${o}`),
      ...Object.keys(selectionErrors).map((e) => `hotkey.selection.${e}`),
      ...Object.keys(headsetVendors).map((v) => `headsets.vendor.${v}`),
      ...popupVisibilitySchema.options.map((v) => `settings.popup.${v}`),
      ...dateFormatSchema.options.map((f) => `settings.date.${f}`),
      ...mainViewSchema.options.map((v) => `view.${v}`),
      ...MENU_TABS.map((tab) => `menu.${tab}`),
      ...languageSchema.options.flatMap((l) => [`language.${l}`, `language.${l}Name`]),
      ...importFormatSchema.options.map((f) => `import.formatName.${f}`),
      'menu.settings',
      // issue #11: a colleague's busy lamp (features/presence/line-lamp.ts)
      ...LINE_STATES.map((s) => `lamp.${s}`),
      // SPEC F4: audio device selects (settings.audio.<role>)
      'settings.audio.microphoneId',
      'settings.audio.speakerId',
      'settings.audio.ringingId',
    ];
    for (const resources of [en, fr]) {
      const keys = new Set(flattenKeys(resources));
      expect(required.filter((k) => !keys.has(k))).toEqual([]);
    }
  });

  it("every literal t('key') used in components exists", () => {
    const keys = new Set(flattenKeys(en));
    const used = tsxFiles(srcDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^'`]+)'/g)].map((m) => ({ file, key: m[1] })),
    );
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((u) => !keys.has(u.key ?? ''))).toEqual([]);
  });
});
