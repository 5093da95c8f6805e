/**
 * Settings › Call forwarding (SPEC J3, B2): the rules with their targets —
 * immediate (always or in a weekly window), no answer after 10–90 s, not
 * reachable, busy / do not disturb, simultaneous ring — and a target per
 * presence state. Wrong fields say what is wrong; nothing is sent until
 * everything is right; the server's refusal is shown as it said it.
 */
import { useMemo, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CALLME_NO_ANSWER_SECONDS,
  DIAL_MODES,
  type DialMode,
  NO_ANSWER_MAX_SECONDS,
  NO_ANSWER_MIN_SECONDS,
  STATUS_FORWARDING_STATES,
} from '../../../../src-preload/contract/forwarding';
import { useAppStore } from '../../platform/store/use-app-store';
import { SettingSwitch } from '../../platform/ui/setting-switch';
import { draftOf, rulesOf, type DraftErrors, type ForwardingDraft } from './forwarding-draft';
import { TargetPicker } from './target-picker';

const WEEK = [1, 2, 3, 4, 5, 6, 7] as const;

const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function ForwardingSettings(): ReactElement {
  const { t } = useTranslation();
  const view = useAppStore((s) => s.forwarding);
  const saving = useAppStore((s) => s.forwardingSaving);
  const saved = useAppStore((s) => s.forwardingSaved);
  const serverError = useAppStore((s) => s.forwardingError);
  const save = useAppStore((s) => s.saveForwarding);
  const edited = useAppStore((s) => s.forwardingEdited);
  // the user's edits; none: the stored rules (another device, the header's "off") show as they change
  const [edit, setEdit] = useState<ForwardingDraft | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const stored = useMemo(() => (view === null ? null : draftOf(view.rules, localTimeZone())), [view]);
  const draft = edit ?? stored;
  const dirty = edit !== null;

  if (view === null || draft === null) {
    return <p className="muted">{t('forwarding.unavailable')}</p>;
  }

  const change = (update: (d: ForwardingDraft) => ForwardingDraft): void => {
    setEdit(update(draft));
    setErrors({});
    edited();
  };

  const onSubmit = async (ev: FormEvent): Promise<void> => {
    ev.preventDefault();
    const result = rulesOf(draft);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    if (await save(result.rules)) setEdit(null);
  };

  const { immediate, noAnswer, unreachable, busy, alsoRing } = draft;
  return (
    <form
      className="forwarding-settings"
      data-testid="forwarding-settings"
      noValidate
      onSubmit={(ev) => void onSubmit(ev)}
    >
      <p className="field-hint muted">{t('forwarding.intro')}</p>

      <fieldset className="forwarding-rule" data-testid="forwarding-immediate">
        <SettingSwitch
          label={t('forwarding.immediate.label')}
          testId="forwarding-immediate-enabled"
          checked={immediate.enabled}
          onChange={(enabled) => change((d) => ({ ...d, immediate: { ...d.immediate, enabled } }))}
        >
          <p className="field-hint muted">{t('forwarding.immediate.hint')}</p>
        </SettingSwitch>
        <TargetPicker
          id="forwarding-immediate-target"
          label={t('forwarding.to')}
          value={immediate.target}
          error={errors['immediate.target']}
          onChange={(target) => target && change((d) => ({ ...d, immediate: { ...d.immediate, target } }))}
        />
        <label className="checkbox-row">
          <input
            type="checkbox"
            data-testid="forwarding-immediate-window"
            checked={immediate.windowOn}
            onChange={(ev) => change((d) => ({ ...d, immediate: { ...d.immediate, windowOn: ev.target.checked } }))}
          />
          <span>{t('forwarding.immediate.windowOn')}</span>
        </label>
        {immediate.windowOn && (
          <div className="forwarding-window">
            <div className="forwarding-days" role="group" aria-label={t('forwarding.immediate.days')}>
              {WEEK.map((day) => (
                <label key={day} className="checkbox-row">
                  <input
                    type="checkbox"
                    data-testid={`forwarding-day-${day}`}
                    checked={immediate.days.includes(day)}
                    onChange={(ev) =>
                      change((d) => ({
                        ...d,
                        immediate: {
                          ...d.immediate,
                          days: ev.target.checked
                            ? [...d.immediate.days, day]
                            : d.immediate.days.filter((x) => x !== day),
                        },
                      }))
                    }
                  />
                  <span>{t(`forwarding.day.${day}`)}</span>
                </label>
              ))}
            </div>
            {errors['immediate.days'] && (
              <p className="field-error" role="alert">
                {t(`forwarding.error.${errors['immediate.days']}`)}
              </p>
            )}
            <div className="forwarding-times">
              <label>
                <span>{t('forwarding.immediate.from')}</span>
                <input
                  type="time"
                  data-testid="forwarding-window-start"
                  value={immediate.start}
                  onChange={(ev) => change((d) => ({ ...d, immediate: { ...d.immediate, start: ev.target.value } }))}
                />
              </label>
              <label>
                <span>{t('forwarding.immediate.until')}</span>
                <input
                  type="time"
                  data-testid="forwarding-window-end"
                  value={immediate.end}
                  onChange={(ev) => change((d) => ({ ...d, immediate: { ...d.immediate, end: ev.target.value } }))}
                />
              </label>
            </div>
            {errors['immediate.times'] && (
              <p className="field-error" role="alert">
                {t(`forwarding.error.${errors['immediate.times']}`)}
              </p>
            )}
            <p className="field-hint muted">{t('forwarding.immediate.timeZone', { zone: draft.timeZone })}</p>
          </div>
        )}
      </fieldset>

      <fieldset className="forwarding-rule" data-testid="forwarding-no-answer">
        <SettingSwitch
          label={t('forwarding.noAnswer.label')}
          testId="forwarding-no-answer-enabled"
          checked={noAnswer.enabled}
          onChange={(enabled) => change((d) => ({ ...d, noAnswer: { ...d.noAnswer, enabled } }))}
        />
        <label className="forwarding-seconds">
          <span>{t('forwarding.noAnswer.after', { min: NO_ANSWER_MIN_SECONDS, max: NO_ANSWER_MAX_SECONDS })}</span>
          <input
            type="number"
            min={NO_ANSWER_MIN_SECONDS}
            max={NO_ANSWER_MAX_SECONDS}
            data-testid="forwarding-no-answer-seconds"
            value={noAnswer.seconds}
            aria-invalid={errors['noAnswer.seconds'] ? true : undefined}
            onChange={(ev) => change((d) => ({ ...d, noAnswer: { ...d.noAnswer, seconds: ev.target.value } }))}
          />
        </label>
        {errors['noAnswer.seconds'] && (
          <p className="field-error" role="alert" data-testid="forwarding-no-answer-seconds-error">
            {t('forwarding.error.seconds-range', { min: NO_ANSWER_MIN_SECONDS, max: NO_ANSWER_MAX_SECONDS })}
          </p>
        )}
        <TargetPicker
          id="forwarding-no-answer-target"
          label={t('forwarding.to')}
          value={noAnswer.target}
          error={errors['noAnswer.target']}
          onChange={(target) => target && change((d) => ({ ...d, noAnswer: { ...d.noAnswer, target } }))}
        />
      </fieldset>

      <fieldset className="forwarding-rule" data-testid="forwarding-unreachable">
        <SettingSwitch
          label={t('forwarding.unreachable.label')}
          testId="forwarding-unreachable-enabled"
          checked={unreachable.enabled}
          onChange={(enabled) => change((d) => ({ ...d, unreachable: { ...d.unreachable, enabled } }))}
        />
        <TargetPicker
          id="forwarding-unreachable-target"
          label={t('forwarding.to')}
          value={unreachable.target}
          error={errors['unreachable.target']}
          onChange={(target) => target && change((d) => ({ ...d, unreachable: { ...d.unreachable, target } }))}
        />
      </fieldset>

      <fieldset className="forwarding-rule" data-testid="forwarding-busy">
        <SettingSwitch
          label={t('forwarding.busy.label')}
          testId="forwarding-busy-enabled"
          checked={busy.enabled}
          onChange={(enabled) => change((d) => ({ ...d, busy: { ...d.busy, enabled } }))}
        >
          <p className="field-hint muted">{t('forwarding.busy.hint')}</p>
        </SettingSwitch>
        <TargetPicker
          id="forwarding-busy-target"
          label={t('forwarding.to')}
          value={busy.target}
          error={errors['busy.target']}
          onChange={(target) => target && change((d) => ({ ...d, busy: { ...d.busy, target } }))}
        />
      </fieldset>

      <fieldset className="forwarding-rule" data-testid="forwarding-also-ring">
        <SettingSwitch
          label={t('forwarding.alsoRing.label')}
          testId="forwarding-also-ring-enabled"
          checked={alsoRing.enabled}
          onChange={(enabled) => change((d) => ({ ...d, alsoRing: { ...d.alsoRing, enabled } }))}
        >
          <p className="field-hint muted">{t('forwarding.alsoRing.hint')}</p>
        </SettingSwitch>
        <input
          data-testid="forwarding-also-ring-number"
          aria-label={t('forwarding.alsoRing.number')}
          placeholder={t('forwarding.target.numberPlaceholder')}
          inputMode="tel"
          spellCheck={false}
          value={alsoRing.number}
          aria-invalid={errors['alsoRing.number'] ? true : undefined}
          onChange={(ev) => change((d) => ({ ...d, alsoRing: { ...d.alsoRing, number: ev.target.value } }))}
        />
        {errors['alsoRing.number'] && (
          <p className="field-error" role="alert" data-testid="forwarding-also-ring-number-error">
            {t(`forwarding.error.${errors['alsoRing.number']}`)}
          </p>
        )}
      </fieldset>

      <fieldset className="forwarding-rule" data-testid="forwarding-call-me">
        <SettingSwitch
          label={t('forwarding.callMe.label')}
          testId="forwarding-call-me-enabled"
          checked={draft.callMe.enabled}
          onChange={(enabled) => change((d) => ({ ...d, callMe: { ...d.callMe, enabled } }))}
        >
          <p className="field-hint muted">{t('forwarding.callMe.hint', { seconds: CALLME_NO_ANSWER_SECONDS })}</p>
        </SettingSwitch>
        <input
          data-testid="forwarding-call-me-number"
          aria-label={t('forwarding.callMe.number')}
          placeholder={t('forwarding.target.numberPlaceholder')}
          inputMode="tel"
          spellCheck={false}
          value={draft.callMe.number}
          aria-invalid={errors['callMe.number'] ? true : undefined}
          onChange={(ev) => change((d) => ({ ...d, callMe: { ...d.callMe, number: ev.target.value } }))}
        />
        {errors['callMe.number'] && (
          <p className="field-error" role="alert" data-testid="forwarding-call-me-number-error">
            {t(`forwarding.error.${errors['callMe.number']}`)}
          </p>
        )}
      </fieldset>

      <fieldset className="forwarding-rule" data-testid="forwarding-dial-mode">
        <label htmlFor="forwarding-dial-mode-select">{t('forwarding.dialMode.label')}</label>
        <select
          id="forwarding-dial-mode-select"
          data-testid="forwarding-dial-mode-select"
          value={draft.dialMode}
          onChange={(ev) => change((d) => ({ ...d, dialMode: ev.target.value as DialMode }))}
        >
          {DIAL_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`forwarding.dialMode.${mode}`)}
            </option>
          ))}
        </select>
        <p className="field-hint muted">{t('forwarding.dialMode.hint')}</p>
      </fieldset>

      <fieldset className="forwarding-rule forwarding-by-status" data-testid="forwarding-by-status">
        <legend>{t('forwarding.byStatus.label')}</legend>
        <p className="field-hint muted">{t('forwarding.byStatus.hint')}</p>
        {STATUS_FORWARDING_STATES.map((state) => (
          <TargetPicker
            key={state}
            id={`forwarding-status-${state}`}
            label={t(`presenceState.state.${state}`)}
            allowNone
            value={draft.byStatus[state]}
            error={errors[`byStatus.${state}`]}
            onChange={(target) => change((d) => ({ ...d, byStatus: { ...d.byStatus, [state]: target } }))}
          />
        ))}
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid="forwarding-save" disabled={saving || !dirty}>
          {t('forwarding.save')}
        </button>
        {saved && !dirty && (
          <span className="form-success" role="status" data-testid="forwarding-saved">
            {t('forwarding.saved')}
          </span>
        )}
      </div>
      {Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert" data-testid="forwarding-invalid">
          {t('forwarding.error.fix')}
        </p>
      )}
      {serverError && (
        <p className="field-error" role="alert" data-testid="forwarding-server-error">
          {t(
            `forwarding.error.server.${serverError.code === 'invalid-payload' || serverError.code === 'server-unreachable' || serverError.code === 'not-logged-in' ? serverError.code : 'other'}`,
            {
              detail: serverError.message ?? '',
            },
          )}
        </p>
      )}
    </form>
  );
}
