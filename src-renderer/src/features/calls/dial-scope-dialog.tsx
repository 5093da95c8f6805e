/**
 * "Internal or external?" (SPEC C5): a number dialed without the outside
 * prefix that is both an extension and a public number of the server's
 * country. Internal dials it as typed, External after the outside prefix,
 * Cancel (or Esc) dials nothing.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';

export function DialScopeDialog(): ReactElement | null {
  const { t } = useTranslation();
  const question = useAppStore((s) => s.dialScopeQuestion);
  const answer = useAppStore((s) => s.answerDialScope);
  if (question === null) return null;
  return (
    <Dialog title={t('dialScope.title')} testId="dial-scope-dialog" onClose={() => void answer(null)}>
      <p id="dial-scope-text">{t('dialScope.text', { number: formatNumber(question.number) })}</p>
      <div className="form-actions" role="group" aria-describedby="dial-scope-text">
        <button
          type="button"
          className="btn"
          data-testid="dial-scope-internal"
          data-autofocus
          onClick={() => void answer('internal')}
        >
          {t('dialScope.internal')}
        </button>
        <button type="button" className="btn" data-testid="dial-scope-external" onClick={() => void answer('external')}>
          {t('dialScope.external')}
        </button>
        <button type="button" className="btn" data-testid="dial-scope-cancel" onClick={() => void answer(null)}>
          {t('dialScope.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
