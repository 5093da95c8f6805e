/**
 * Settings › Personal data (SPEC J1, J2): the user's mobile, other number and
 * e-mail, and their photo. The UC server checks and stores them (canonical
 * numbers, a 200×200 photo) and the form shows what it stored; a refused field
 * is marked with the reason and keeps what was typed.
 */
import { useEffect, useState, type ChangeEvent, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTO_MAX_BYTES, PROFILE_FIELDS, type ProfileField } from '../../../../src-preload/contract/profile';
import { useAppStore } from '../../platform/store/use-app-store';
import { EntryAvatar } from '../directory';
import { useServerAction } from '../session';

type Draft = Record<ProfileField, string>;

export function PersonalDataSettings(): ReactElement {
  const { t } = useTranslation();
  const view = useAppStore((s) => s.profile);
  const busy = useAppStore((s) => s.profileBusy);
  const error = useAppStore((s) => s.profileError);
  const done = useAppStore((s) => s.profileDone);
  const saveProfile = useAppStore((s) => s.saveProfile);
  const uploadPhoto = useAppStore((s) => s.uploadPhoto);
  const removePhoto = useAppStore((s) => s.removePhoto);
  const edited = useAppStore((s) => s.profileEdited);
  const refuse = useAppStore((s) => s.profileRefused);
  const server = useServerAction();
  const refreshProfile = useAppStore((s) => s.refreshProfile);
  const online = useAppStore((s) => s.session.ucConnection === 'online');
  // read afresh each time Settings opens (and when the server comes back): the server is the only store
  useEffect(() => {
    if (online) void refreshProfile();
  }, [online, refreshProfile]);
  const profile = view?.profile;
  const stored: Draft = {
    mobile: profile?.mobile ?? '',
    otherNumber: profile?.otherNumber ?? '',
    email: profile?.email ?? '',
  };
  const [draft, setDraft] = useState<Draft>(stored);
  // the server's canonical form replaces what was typed once it is stored
  // (adjusting state while rendering, React's pattern for state derived from a prop that changed)
  const storedKey = JSON.stringify(stored);
  const [shownKey, setShownKey] = useState(storedKey);
  if (shownKey !== storedKey) {
    setShownKey(storedKey);
    setDraft(stored);
  }

  if (!profile) return <p className="field-hint muted">{t('profile.unavailable')}</p>;
  const refused = new Set(error?.part === 'data' ? error.details : []);

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy || server.offline) return;
    await saveProfile(draft);
  };

  const onFile = async (ev: ChangeEvent<HTMLInputElement>) => {
    const file = ev.target.files?.[0];
    ev.target.value = '';
    if (!file || busy || server.offline) return;
    // the server decides (type by content, dimensions); a file over the limit is not even sent
    if (file.size > PHOTO_MAX_BYTES) {
      refuse('photo', 'invalid-photo', ['too-large']);
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    await uploadPhoto(toBase64(bytes));
  };

  const photoError = error?.part === 'photo' ? error : null;
  return (
    <div className="profile-settings" data-testid="profile-settings">
      <div className="profile-photo">
        <EntryAvatar
          name={profile.displayName}
          photoUrl={profile.photoUrl}
          entryId={`internal:${profile.number}`}
          large
        />
        <div className="profile-photo-actions">
          <label className="btn" {...server.props}>
            {t('profile.photo.choose')}
            <input
              type="file"
              className="visually-hidden"
              data-testid="profile-photo-input"
              accept="image/png,image/jpeg"
              disabled={server.offline}
              onChange={(ev) => void onFile(ev)}
            />
          </label>
          {profile.photoUrl && (
            <button
              type="button"
              className="btn"
              data-testid="profile-photo-remove"
              {...server.props}
              onClick={() => !busy && !server.offline && void removePhoto()}
            >
              {t('profile.photo.remove')}
            </button>
          )}
          <p className="field-hint muted">{t('profile.photo.hint')}</p>
          {photoError && (
            <p className="form-error" role="alert" data-testid="profile-photo-error" data-code={photoError.code}>
              {photoError.code === 'invalid-photo' && photoError.details[0]
                ? t(`profile.photo.error.${photoError.details[0]}`)
                : t(`error.${photoError.code}`)}
            </p>
          )}
          {done === 'photo' && (
            <p className="form-success" role="status" data-testid="profile-photo-done">
              {t('profile.photo.done')}
            </p>
          )}
        </div>
      </div>

      <form className="profile-data" noValidate onSubmit={(ev) => void onSubmit(ev)}>
        {PROFILE_FIELDS.map((field) => (
          <div key={field} className="profile-field">
            <label htmlFor={`profile-${field}`}>{t(`profile.field.${field}`)}</label>
            <input
              id={`profile-${field}`}
              data-testid={`profile-${field}`}
              type={field === 'email' ? 'email' : 'tel'}
              autoComplete={field === 'email' ? 'email' : 'tel'}
              value={draft[field]}
              aria-invalid={refused.has(field) || undefined}
              aria-describedby={refused.has(field) ? `profile-${field}-error` : undefined}
              onChange={(ev) => {
                setDraft({ ...draft, [field]: ev.target.value });
                edited('data');
              }}
            />
            {refused.has(field) && (
              <p id={`profile-${field}-error`} className="field-error" data-testid={`profile-${field}-error`}>
                {t(`profile.error.${field}`)}
              </p>
            )}
          </div>
        ))}
        <p className="field-hint muted">{t('profile.numbersHint')}</p>
        {error?.part === 'data' && error.code !== 'invalid-profile' && (
          <p className="form-error" role="alert" data-testid="profile-error">
            {t(`error.${error.code}`)}
          </p>
        )}
        {done === 'data' && (
          <p className="form-success" role="status" data-testid="profile-done">
            {t('profile.done')}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="profile-save"
            aria-disabled={busy === 'data' || undefined}
            {...server.props}
          >
            {busy === 'data' ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
