/**
 * Change-password form (SPEC A2), used by the forced change after the first
 * login and in Settings: current, new and confirmation, with a live checklist
 * of the policy (same rule keys and logic as the server) and the rules the
 * server rejected, if any.
 */
import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  brokenPasswordRules,
  PASSWORD_RULES,
  reusesCurrentPassword,
} from '../../../../src-preload/contract/session/password-policy';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { useServerAction } from './use-server-action';

export function PasswordForm({ idPrefix }: { idPrefix: string }): ReactElement {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.passwordChange);
  const changePassword = useAppStore((s) => s.changePassword);
  const resetPasswordChange = useAppStore((s) => s.resetPasswordChange);
  // only the UC server can change the password
  const server = useServerAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const broken = new Set(brokenPasswordRules(next));
  const rejected = new Set(state.rejectedRules);
  const ids = {
    current: `${idPrefix}-current`,
    next: `${idPrefix}-new`,
    confirm: `${idPrefix}-confirm`,
    rules: `${idPrefix}-rules`,
    error: `${idPrefix}-error`,
  };
  const mismatch = confirm.length > 0 && confirm !== next;
  // SPEC A2: a change must change the password; shown live like the policy rules, red once
  // refused (here or by the server: the message under the form says it)
  const different = next.length > 0 && !reusesCurrentPassword(current, next);
  const sameRejected = state.error === 'same-password';

  // a fresh form each time it is shown
  useEffect(() => resetPasswordChange, [resetPasswordChange]);

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    // aria-disabled rather than disabled while busy: the focus stays on the button
    if (state.busy || server.offline) return;
    if (await changePassword({ currentPassword: current, newPassword: next, confirm })) {
      setCurrent('');
      setNext('');
      setConfirm('');
    }
  };

  return (
    <form className="password-form" onSubmit={(ev) => void onSubmit(ev)} noValidate>
      <label htmlFor={ids.current}>{t('password.current')}</label>
      <input
        id={ids.current}
        data-testid="pw-current"
        type="password"
        autoComplete="current-password"
        value={current}
        aria-invalid={state.error === 'wrong-current-password' || undefined}
        onChange={(ev) => setCurrent(ev.target.value)}
      />
      <label htmlFor={ids.next}>{t('password.new')}</label>
      <input
        id={ids.next}
        data-testid="pw-new"
        type="password"
        autoComplete="new-password"
        value={next}
        aria-describedby={ids.rules}
        aria-invalid={
          (next.length > 0 && (broken.size > 0 || !different)) || rejected.size > 0 || sameRejected || undefined
        }
        onChange={(ev) => setNext(ev.target.value)}
      />
      <ul id={ids.rules} className="password-rules" aria-label={t('password.rulesTitle')}>
        {PASSWORD_RULES.map((rule) => {
          const ok = !broken.has(rule);
          return (
            <li
              key={rule}
              className={`password-rule${ok ? ' is-ok' : ''}${rejected.has(rule) ? ' is-rejected' : ''}`}
              data-testid={`pw-rule-${rule}`}
              data-ok={String(ok)}
            >
              <Icon name={ok ? 'check' : 'x-small'} />
              <span className="rule-text">{t(`password.rule.${rule}`)}</span>
              <span className="visually-hidden">{ok ? t('password.ruleMet') : t('password.ruleNotMet')}</span>
              {rejected.has(rule) && <span className="rule-rejected">{t('password.rejectedByServer')}</span>}
            </li>
          );
        })}
        <li
          className={`password-rule${different ? ' is-ok' : ''}${sameRejected ? ' is-rejected' : ''}`}
          data-testid="pw-rule-different"
          data-ok={String(different)}
        >
          <Icon name={different ? 'check' : 'x-small'} />
          <span className="rule-text">{t('password.differentRule')}</span>
          <span className="visually-hidden">{different ? t('password.ruleMet') : t('password.ruleNotMet')}</span>
        </li>
      </ul>
      <label htmlFor={ids.confirm}>{t('password.confirm')}</label>
      <input
        id={ids.confirm}
        data-testid="pw-confirm"
        type="password"
        autoComplete="new-password"
        value={confirm}
        aria-invalid={mismatch || undefined}
        onChange={(ev) => setConfirm(ev.target.value)}
      />
      {mismatch && <p className="field-hint muted">{t('password.error.mismatch')}</p>}
      {state.error && (
        <p id={ids.error} className="form-error" data-testid="pw-error" role="alert" data-code={state.error}>
          {passwordErrorKey(state.error) ? t(`password.error.${state.error}`) : t(`error.${state.error}`)}
        </p>
      )}
      {state.done && (
        <p className="form-success" data-testid="pw-done" role="status">
          {t('password.done')}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="pw-submit"
          aria-disabled={state.busy || undefined}
          {...server.props}
        >
          {state.busy ? t('password.submitting') : t('password.submit')}
        </button>
      </div>
    </form>
  );
}

/** Errors with a form-specific message (the rest use the generic error.<code>). */
function passwordErrorKey(error: string): boolean {
  return (
    error === 'missing-fields' ||
    error === 'mismatch' ||
    error === 'weak' ||
    error === 'weak-password' ||
    error === 'same-password'
  );
}
