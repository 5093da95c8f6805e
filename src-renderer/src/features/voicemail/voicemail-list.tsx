/**
 * The voicemail list (SPEC H1/H2): "Voice message" entries, newest first,
 * new ones marked and counted. A tab of the Menu view; a section above the
 * history in the other views (shown there once the mailbox has messages).
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { newVoicemailCount } from './voicemail-slice';
import { useAppStore } from '../../platform/store/use-app-store';
import { CountBadge } from '../../platform/ui/count-badge';
import { VoicemailItem } from './voicemail-item';

export function VoicemailList(): ReactElement {
  const { t } = useTranslation();
  const voicemails = useAppStore((s) => s.voicemails);
  const error = useAppStore((s) => s.voicemailError);
  const count = newVoicemailCount(voicemails);
  return (
    <section className="voicemail" aria-labelledby="voicemail-heading" data-testid="voicemail-section">
      <h2 id="voicemail-heading" className="section-title voicemail-heading">
        <span>{t('voicemail.heading')}</span>
        <CountBadge count={count} label={t('voicemail.newCount', { count })} testId="voicemail-new-count" />
      </h2>
      {error && (
        <p className="form-error" role="alert" data-testid="voicemail-error">
          {t(`voicemail.error.${error === 'not-found' || error === 'server-unreachable' ? error : 'other'}`)}
        </p>
      )}
      {voicemails.length === 0 ? (
        <p className="empty-state" data-testid="voicemail-empty">
          {t('voicemail.empty')}
        </p>
      ) : (
        <ul className="journal-list voicemail-list" data-testid="voicemail-list">
          {voicemails.map((v) => (
            <VoicemailItem key={v.id} voicemail={v} />
          ))}
        </ul>
      )}
    </section>
  );
}
