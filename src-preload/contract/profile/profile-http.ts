/**
 * The user's own personal data (SPEC J1, J2) on the UC server: GET/PATCH
 * /me/profile (mobile, other number, e-mail), PUT/DELETE /me/photo.
 * Numbers are stored in the directory's canonical form (the server's
 * `canonicalNumber`), so the reply is what colleagues will see.
 */
import { z } from 'zod';

/** Longest number as typed (the server's canonical form is shorter). */
export const PROFILE_NUMBER_MAX = 64;
/** RFC 5321 path limit. */
export const PROFILE_EMAIL_MAX = 254;

/** The fields a user edits; each rule key doubles as `ApiError.rules` of a refused PATCH and as an i18n key. */
export type ProfileField = 'mobile' | 'otherNumber' | 'email';
export const PROFILE_FIELDS: readonly ProfileField[] = ['mobile', 'otherNumber', 'email'];

export const profileSchema = z.object({
  number: z.string(),
  displayName: z.string(),
  mobile: z.string().optional(),
  otherNumber: z.string().optional(),
  email: z.string().optional(),
  /** server path of the photo (`/api/v1/photos/NUMBER?v=ETAG`), absent without photo */
  photoUrl: z.string().optional(),
});
export type Profile = z.infer<typeof profileSchema>;

/** null or "" clears a field; an absent field is left as it is. */
const clearable = (max: number) => z.string().max(max).nullable().optional();

/** PATCH /me/profile. The e-mail syntax is checked here (zod), the numbers by the server's canonical form. */
export const profileUpdateSchema = z.strictObject({
  mobile: clearable(PROFILE_NUMBER_MAX),
  otherNumber: clearable(PROFILE_NUMBER_MAX),
  email: clearable(PROFILE_EMAIL_MAX),
});
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

/** An e-mail address as the profile accepts it (zod's e-mail check, at most 254 characters). */
export const profileEmailSchema = z.email().max(PROFILE_EMAIL_MAX);

/** Photo limits (SPEC J2): JPEG or PNG, at least 40×40, at most 512 KB; stored as 200×200. */
export const PHOTO_MAX_BYTES = 512 * 1024;
export const PHOTO_MIN_SIDE = 40;
export const PHOTO_STORED_SIDE = 200;

/** Why a photo upload was refused (`ApiError.rules` of `invalid-photo`, i18n `profile.photo.error.<reason>`). */
export type PhotoRefusal = 'empty' | 'too-large' | 'not-an-image' | 'too-small';
