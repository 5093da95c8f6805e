import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PRESENCE_NOTE_MAX,
  PRESENCE_STATES,
  PRESENCE_VISIBILITIES,
  presenceVisibilityNameSchema,
  type PresenceStateName,
  type PresenceView,
} from '../../../../src-preload/contract/presence';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';
import { PresenceStateDot } from './presence-dot';

/** `YYYY-MM-DDTHH:MM` in local time, the value format of <input type="datetime-local">. */
export function toLocalInputValue(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Epoch ms of a datetime-local value (local time), or null when empty/invalid. */
export function fromLocalInputValue(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

type LocalError = 'return-past' | 'return-invalid';

/**
 * The presence editor (SPEC B1, B3): the nine states as a radio group with
 * their dots, an optional return date/time for every state but Office, an
 * optional note, and who may see the state. Errors (offline, past return
 * time) are shown inside and nothing changes.
 */
export function PresenceEditor({ current }: { current: PresenceView }): ReactElement {
  const { t } = useTranslation();
  const saving = useAppStore((s) => s.presenceSaving);
  const error = useAppStore((s) => s.presenceError);
  const change = useAppStore((s) => s.changePresence);
  const close = useAppStore((s) => s.closePresenceEditor);
  const [state, setState] = useState<PresenceStateName>(current.state);
  const [returnAt, setReturnAt] = useState(current.returnAt !== undefined ? toLocalInputValue(current.returnAt) : '');
  const [note, setNote] = useState(current.note ?? '');
  const [visibility, setVisibility] = useState(current.visibility);
  const [localError, setLocalError] = useState<LocalError | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    let returnMs: number | undefined;
    if (state !== 'office' && returnAt !== '') {
      const parsed = fromLocalInputValue(returnAt);
      if (parsed === null) return setLocalError('return-invalid');
      if (parsed <= Date.now()) return setLocalError('return-past');
      returnMs = parsed;
    }
    setLocalError(null);
    void change({
      state,
      ...(returnMs !== undefined ? { returnAt: returnMs } : {}),
      note: note.trim(),
      visibility,
    });
  };

  const shownError = localError
    ? t(`presenceState.error.${localError}`)
    : error
      ? t([`presenceState.error.${error}`, `error.${error}`])
      : null;
  return (
    <Dialog title={t('presenceState.title')} testId="presence-dialog" onClose={close} className="presence-dialog">
      <form className="presence-form" onSubmit={onSubmit} noValidate>
        <fieldset className="presence-states">
          <legend>{t('presenceState.stateLabel')}</legend>
          <div role="radiogroup" aria-label={t('presenceState.stateLabel')} className="presence-state-list">
            {PRESENCE_STATES.map((option) => (
              <label
                key={option}
                className={`presence-option${option === state ? ' is-selected' : ''}`}
                data-testid={`presence-option-${option}`}
              >
                <input
                  type="radio"
                  name="presence-state"
                  value={option}
                  checked={option === state}
                  data-autofocus={option === state ? true : undefined}
                  onChange={() => {
                    setState(option);
                    setLocalError(null);
                  }}
                />
                <PresenceStateDot state={option} decorative />
                <span>{t(`presenceState.state.${option}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {state !== 'office' && (
          <div className="form-field">
            <label htmlFor="presence-return">{t('presenceState.returnAt')}</label>
            <div className="presence-return-row">
              <input
                id="presence-return"
                data-testid="presence-return"
                type="datetime-local"
                value={returnAt}
                aria-describedby="presence-return-hint"
                aria-invalid={localError !== null || undefined}
                onChange={(ev) => {
                  setReturnAt(ev.target.value);
                  setLocalError(null);
                }}
              />
              {returnAt !== '' && (
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="presence-return-clear"
                  title={t('presenceState.clearReturn')}
                  onClick={() => setReturnAt('')}
                >
                  {t('presenceState.clearReturn')}
                </button>
              )}
            </div>
            <p id="presence-return-hint" className="field-hint muted">
              {t('presenceState.returnHint')}
            </p>
          </div>
        )}
        <div className="form-field">
          <label htmlFor="presence-note">{t('presenceState.note')}</label>
          <input
            id="presence-note"
            data-testid="presence-note"
            type="text"
            maxLength={PRESENCE_NOTE_MAX}
            value={note}
            placeholder={t('presenceState.notePlaceholder')}
            aria-describedby="presence-note-count"
            onChange={(ev) => setNote(ev.target.value)}
          />
          <p id="presence-note-count" className="field-hint muted">
            {t('presenceState.noteCount', { count: note.length, max: PRESENCE_NOTE_MAX })}
          </p>
        </div>
        <div className="form-field">
          <label htmlFor="presence-visibility">{t('presenceState.visibilityLabel')}</label>
          <select
            id="presence-visibility"
            data-testid="presence-visibility"
            value={visibility}
            title={t('presenceState.visibilityHint')}
            onChange={(ev) => {
              const value = presenceVisibilityNameSchema.safeParse(ev.target.value);
              if (value.success) setVisibility(value.data);
            }}
          >
            {PRESENCE_VISIBILITIES.map((option) => (
              <option key={option} value={option}>
                {t(`presenceState.visibility.${option}`)}
              </option>
            ))}
          </select>
        </div>
        {shownError && (
          <p className="form-error" role="alert" data-testid="presence-error">
            {shownError}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="presence-save"
            aria-disabled={saving || undefined}
          >
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="btn" data-testid="presence-cancel" onClick={close}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
