import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../../src-main/shell/permission-policy';

const media = { fromMediaWindow: true, fromMediaPage: true };

describe('isPermissionAllowed', () => {
  it('grants microphone access to the media window', () => {
    expect(isPermissionAllowed({ permission: 'media', ...media, mediaTypes: ['audio'] })).toBe(true);
  });

  it('refuses video, unknown and unspecified media types', () => {
    expect(isPermissionAllowed({ permission: 'media', ...media, mediaTypes: ['video'] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', ...media, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', ...media, mediaTypes: ['unknown'] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', ...media, mediaTypes: [] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', ...media })).toBe(false);
  });

  it('refuses the microphone to the main window or another page in the media window', () => {
    expect(
      isPermissionAllowed({ permission: 'media', fromMediaWindow: false, fromMediaPage: false, mediaTypes: ['audio'] }),
    ).toBe(false);
    expect(
      isPermissionAllowed({ permission: 'media', fromMediaWindow: true, fromMediaPage: false, mediaTypes: ['audio'] }),
    ).toBe(false);
    expect(
      isPermissionAllowed({ permission: 'media', fromMediaWindow: false, fromMediaPage: true, mediaTypes: ['audio'] }),
    ).toBe(false);
  });

  it('lets the media window choose output devices (setSinkId), and nobody else', () => {
    expect(isPermissionAllowed({ permission: 'speaker-selection', ...media })).toBe(true);
    expect(isPermissionAllowed({ permission: 'speaker-selection', fromMediaWindow: false, fromMediaPage: false })).toBe(
      false,
    );
    expect(isPermissionAllowed({ permission: 'speaker-selection', fromMediaWindow: true, fromMediaPage: false })).toBe(
      false,
    );
  });

  it.each(['notifications', 'geolocation', 'clipboard-read', 'display-capture', 'openExternal', 'hid', 'unknown'])(
    'refuses %s even to the media window',
    (permission) => {
      expect(isPermissionAllowed({ permission, ...media, mediaTypes: ['audio'] })).toBe(false);
    },
  );
});
