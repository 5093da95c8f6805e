/**
 * The `profile.*` channels (SPEC J1, J2, H4): the user's own personal data,
 * photo and voicemail PIN, kept on the UC server (Settings › Personal data).
 */
import { z } from 'zod';
import { voicemailPinChangeSchema } from '../voicemail/voicemail-pin';
import { PHOTO_MAX_BYTES, profileUpdateSchema, type Profile } from './profile-http';

/** What Settings shows. */
export interface ProfileView {
  profile: Profile;
  /** the account has a voicemail PIN (the form then asks for the current one) */
  pinIsSet: boolean;
}

/** base64 of at most 4× the photo limit (the server says why a file is refused, not the channel) */
const PHOTO_BASE64_MAX = Math.ceil((4 * PHOTO_MAX_BYTES) / 3) * 4;

export const profileInvokeSchemas = {
  /** reads the profile from the UC server ('server-unreachable', 'not-logged-in') */
  'profile.get': z.strictObject({}),
  /** mobile, other number, e-mail ('invalid-profile' with the refused fields as details) */
  'profile.update': profileUpdateSchema,
  /** the photo file's bytes in base64 ('invalid-photo' with the PhotoRefusal as details) */
  'profile.setPhoto': z.strictObject({ dataBase64: z.string().max(PHOTO_BASE64_MAX) }),
  'profile.removePhoto': z.strictObject({}),
  /** sets the voicemail PIN ('weak-pin' with the broken rules as details, 'wrong-current-pin') */
  'profile.setPin': voicemailPinChangeSchema,
} as const;

export interface ProfileInvokeResults {
  'profile.get': ProfileView;
  'profile.update': ProfileView;
  'profile.setPhoto': ProfileView;
  'profile.removePhoto': ProfileView;
  'profile.setPin': ProfileView;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no events: colleagues' changes arrive as directory changes
export interface ProfileEventPayloads {}

export const PROFILE_EVENT_CHANNELS = {} satisfies Record<keyof ProfileEventPayloads, true>;
