/**
 * Settings › Voicemail PIN (SPEC H4): current PIN (once one is set), new PIN
 * and confirmation, with the contract's PIN rules ticked live as the user
 * types (the same `brokenPinRules` the UC server enforces) and the rules the
 * server refused, if any.
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { brokenPinRules, PIN_LENGTH, PIN_RULES } from '../../../../src-preload/contract/voicemail/voicemail-pin';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { useServerAction } from '../session';

export function VoicemailPinForm(): ReactElement {
  const { t } = useTranslation();
  const view = useAppStore((s) => s.profile);
  const busy = useAppStore((s) => s.profileBusy);
  const error = useAppStore((s) => s.profileError);
  const done = useAppStore((s) => s.profileDone);
  const setPin = useAppStore((s) => s.setVoicemailPin);
  const edited = useAppStore((s) => s.profileEdited);
  const server = useServerAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  if (!view) return <p className="field-hint muted">{t('profile.unavailable')}</p>;
  const broken = new Set(brokenPinRules(next));
  const pinError = error?.part === 'pin' ? error : null;
  const rejected = new Set(pinError?.code === 'weak-pin' ? pinError.details : []);
  const mismatch = confirm.length > 0 && confirm !== next;

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy || server.offline || mismatch || confirm !== next) return;
    if (await setPin({ ...(view.pinIsSet ? { currentPin: current } : {}), newPin: next })) {
      setCurrent('');
      setNext('');
      setConfirm('');
    }
  };
  const typed = (setter: (value: string) => void) => (value: string) => {
    // digits only: anything else typed is dropped, as on a phone keypad
    setter(value.replace(/\D/g, '').slice(0, PIN_LENGTH));
    edited('pin');
  };

  return (
    <form className="password-form pin-form" data-testid="pin-form" noValidate onSubmit={(ev) => void onSubmit(ev)}>
      <p className="field-hint muted">{view.pinIsSet ? t('voicemailPin.isSet') : t('voicemailPin.notSet')}</p>
      {view.pinIsSet && (
        <>
          <label htmlFor="pin-current">{t('voicemailPin.current')}</label>
          <input
            id="pin-current"
            data-testid="pin-current"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={current}
            aria-invalid={pinError?.code === 'wrong-current-pin' || undefined}
            onChange={(ev) => typed(setCurrent)(ev.target.value)}
          />
        </>
      )}
      <label htmlFor="pin-new">{t('voicemailPin.new')}</label>
      <input
        id="pin-new"
        data-testid="pin-new"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={next}
        aria-describedby="pin-rules"
        aria-invalid={(next.length > 0 && broken.size > 0) || rejected.size > 0 || undefined}
        onChange={(ev) => typed(setNext)(ev.target.value)}
      />
      <ul id="pin-rules" className="password-rules" aria-label={t('voicemailPin.rulesTitle')}>
        {PIN_RULES.map((rule) => {
          const ok = !broken.has(rule);
          return (
            <li
              key={rule}
              className={`password-rule${ok ? ' is-ok' : ''}${rejected.has(rule) ? ' is-rejected' : ''}`}
              data-testid={`pin-rule-${rule}`}
              data-ok={String(ok)}
            >
              <Icon name={ok ? 'check' : 'x-small'} />
              <span className="rule-text">{t(`voicemailPin.rule.${rule}`)}</span>
              <span className="visually-hidden">{ok ? t('password.ruleMet') : t('password.ruleNotMet')}</span>
            </li>
          );
        })}
      </ul>
      <label htmlFor="pin-confirm">{t('voicemailPin.confirm')}</label>
      <input
        id="pin-confirm"
        data-testid="pin-confirm"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={confirm}
        aria-invalid={mismatch || undefined}
        onChange={(ev) => typed(setConfirm)(ev.target.value)}
      />
      {mismatch && <p className="field-hint muted">{t('voicemailPin.mismatch')}</p>}
      {pinError && (
        <p className="form-error" role="alert" data-testid="pin-error" data-code={pinError.code}>
          {t(`error.${pinError.code}`)}
        </p>
      )}
      {done === 'pin' && (
        <p className="form-success" role="status" data-testid="pin-done">
          {t('voicemailPin.done')}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="pin-submit"
          aria-disabled={busy === 'pin' || broken.size > 0 || confirm !== next || undefined}
          {...server.props}
        >
          {busy === 'pin' ? t('common.saving') : t('voicemailPin.submit')}
        </button>
      </div>
    </form>
  );
}
