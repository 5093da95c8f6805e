import type { ProfileView } from '../../../../src-preload/contract/profile';
import type { Feature, LoginSession } from '../../platform/feature';
import { toDisposable, type Disposable } from '../../platform/disposable';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import { UcClientError } from '../../platform/uc/uc-client-error';
import { ProfileApi } from './profile-api';

/**
 * The user's own personal data, photo and voicemail PIN (SPEC J1, J2, H4):
 * straight calls to the UC server while logged in, nothing cached (the server
 * is the only store; colleagues get the change through the directory feed).
 */
export class ProfileFeature implements Feature {
  readonly name = 'profile';
  readonly handlers: Partial<Handlers>;
  private api: ProfileApi | undefined;

  constructor() {
    this.handlers = {
      'profile.get': () => this.call(async (api) => this.view(api)),
      'profile.update': (update) =>
        this.call(async (api) => {
          await api.updateProfile(update);
          return this.view(api);
        }),
      'profile.setPhoto': ({ dataBase64 }) =>
        this.call(async (api) => {
          await api.setPhoto(Buffer.from(dataBase64, 'base64'));
          return this.view(api);
        }),
      'profile.removePhoto': () =>
        this.call(async (api) => {
          await api.removePhoto();
          return this.view(api);
        }),
      'profile.setPin': (change) =>
        this.call(async (api) => {
          await api.setPin(change);
          return this.view(api);
        }),
    };
  }

  onLogin(session: LoginSession): Disposable {
    const api = new ProfileApi(session.client);
    this.api = api;
    return toDisposable(() => {
      if (this.api === api) this.api = undefined;
    });
  }

  private async view(api: ProfileApi): Promise<ProfileView> {
    const [profile, pin] = await Promise.all([api.getProfile(), api.getPinState()]);
    return { profile, pinIsSet: pin.isSet };
  }

  private async call<T>(run: (api: ProfileApi) => Promise<T>): Promise<T> {
    const api = this.api;
    if (!api) throw new UcError('not-logged-in', 'not logged in to the UC server');
    try {
      return await run(api);
    } catch (err) {
      throw profileError(err);
    }
  }
}

/** The contract error of a failed profile call: the server's refusal with its reasons as details. */
export function profileError(err: unknown): UcError {
  if (err instanceof UcError) return err;
  if (err instanceof UcClientError) {
    if (err.kind === 'unreachable') return new UcError('server-unreachable', err.message);
    const rules = err.details.rules ?? [];
    if (err.code === 'invalid-request' && rules.length > 0) return new UcError('invalid-profile', err.message, rules);
    if (err.code === 'invalid-photo') return new UcError('invalid-photo', err.message, rules);
    if (err.code === 'weak-pin') return new UcError('weak-pin', err.message, rules);
    if (err.code === 'wrong-current-pin') return new UcError('wrong-current-pin', err.message);
    if (err.code === 'too-many-attempts') return new UcError('too-many-attempts', err.message);
    if (err.status === 401) return new UcError('not-logged-in', err.message);
    return new UcError('internal', err.message);
  }
  return new UcError('internal', err instanceof Error ? err.message : String(err));
}
