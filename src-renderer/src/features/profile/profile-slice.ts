/**
 * Profile slice (SPEC J1, J2, H4): the user's own personal data, photo and
 * voicemail PIN as the UC server last answered, and the outcome of the last
 * change of each part (the server's refusal with its reasons, or done).
 */
import type { IpcErrorCode, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { ProfileUpdate, ProfileView } from '../../../../src-preload/contract/profile';
import type { VoicemailPinChange } from '../../../../src-preload/contract/voicemail';
import type { SliceCreator } from '../../platform/store/app-state';

/** The three forms of Settings › Personal data. */
export type ProfilePart = 'data' | 'photo' | 'pin';

/** Why the last change of a part was refused: the code and the server's reasons (fields, photo refusal, PIN rules). */
export interface ProfileError {
  part: ProfilePart;
  code: IpcErrorCode;
  details: string[];
}

export interface ProfileSlice {
  /** null: not logged in, or not read yet */
  profile: ProfileView | null;
  profileBusy: ProfilePart | null;
  profileError: ProfileError | null;
  /** the part just saved (Settings says so until the next edit) */
  profileDone: ProfilePart | null;
  refreshProfile(): Promise<void>;
  saveProfile(update: ProfileUpdate): Promise<boolean>;
  /** the photo file's bytes in base64 */
  uploadPhoto(dataBase64: string): Promise<boolean>;
  removePhoto(): Promise<boolean>;
  setVoicemailPin(change: VoicemailPinChange): Promise<boolean>;
  profileEdited(part: ProfilePart): void;
  /** a change refused before asking the server (a photo file over the size limit) */
  profileRefused(part: ProfilePart, code: IpcErrorCode, details: string[]): void;
}

declare module '../../platform/store/app-state' {
  interface AppState extends ProfileSlice {}
}

export function createProfileSlice(uc: UcApi): SliceCreator<ProfileSlice> {
  return (set, get) => {
    async function run(part: ProfilePart, call: () => ReturnType<UcApi['invoke']>): Promise<boolean> {
      if (get().profileBusy !== null) return false;
      set({ profileBusy: part, profileError: null, profileDone: null });
      const result = await call();
      if (!result.ok) {
        set({
          profileBusy: null,
          profileError: { part, code: result.error.code, details: result.error.details ?? [] },
        });
        return false;
      }
      set({ profile: result.value as ProfileView, profileBusy: null, profileDone: part });
      return true;
    }
    return {
      profile: null,
      profileBusy: null,
      profileError: null,
      profileDone: null,
      async refreshProfile() {
        const result = await uc.invoke('profile.get', {});
        set({ profile: result.ok ? result.value : null });
      },
      saveProfile: (update) => run('data', () => uc.invoke('profile.update', update)),
      uploadPhoto: (dataBase64) => run('photo', () => uc.invoke('profile.setPhoto', { dataBase64 })),
      removePhoto: () => run('photo', () => uc.invoke('profile.removePhoto', {})),
      setVoicemailPin: (change) => run('pin', () => uc.invoke('profile.setPin', change)),
      profileRefused(part, code, details) {
        set({ profileError: { part, code, details }, profileDone: null });
      },
      profileEdited(part) {
        const { profileDone, profileError } = get();
        if (profileDone === part || profileError?.part === part) set({ profileDone: null, profileError: null });
      },
    };
  };
}
