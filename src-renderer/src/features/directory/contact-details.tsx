/**
 * Contact details (SPEC C3): photo or initials, name, company, e-mail and
 * every number with its kind and its own call button; personal contacts can
 * be edited and deleted (after a confirmation), and show "not synced yet"
 * while a local change waits for the server.
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DIAL_DIGITS } from '../../../../src-preload/contract/calls/dial-target';
import type { DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';
import { formatNumber } from '../../platform/format';
import { dialErrorKey } from './search-items';
import { telUriFor } from '../desktop';
import { useAppStore } from '../../platform/store/use-app-store';
import { EntryAvatar } from './entry-avatar';
import { Dialog } from '../../platform/ui/dialog';
import { Icon } from '../../platform/ui/icon';
import { IconButton } from '../../platform/ui/icon-button';
import { FavoriteStar } from '../favorites';
import { PickupButton } from '../calls';
import { ColleagueAvatar, ColleaguePresenceLine } from '../presence';
import { colleagueNumberOf } from './colleague-number';

/** @param inline shown in the Details view's side pane instead of a modal sheet */
export function ContactDetails({
  entry,
  inline = false,
}: {
  entry: DirectoryEntryView;
  inline?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const closeEntry = useAppStore((s) => s.closeEntry);
  const dial = useAppStore((s) => s.dial);
  const dialError = useAppStore((s) => s.dialError);
  const dialErrorReason = useAppStore((s) => s.dialErrorReason);
  const selectedError = useAppStore((s) => s.selectedError);
  const openContactForm = useAppStore((s) => s.openContactForm);
  const deleteContact = useAppStore((s) => s.deleteContact);
  const openLink = useAppStore((s) => s.openLink);
  const openConversation = useAppStore((s) => s.openConversation);
  // SPEC E6: colleagues (internal directory) can get an instant message; B4: their presence shows
  const messagePeer = colleagueNumberOf(entry);
  const [confirming, setConfirming] = useState(false);
  const personal = entry.source === 'personal';

  const call = async (number: string) => {
    if (await dial(number, entry.displayName)) closeEntry();
  };

  const body = (
    <>
      <div className="contact-card" data-entry-id={entry.id} data-source={entry.source}>
        <ColleagueAvatar number={messagePeer} markUnknown={false}>
          <EntryAvatar name={entry.displayName} photoUrl={entry.photoUrl} entryId={entry.id} large />
        </ColleagueAvatar>
        <div className="contact-ident">
          <p className="contact-name">{entry.displayName}</p>
          {messagePeer !== undefined && <ColleaguePresenceLine number={messagePeer} />}
          {entry.company && <p className="muted">{entry.company}</p>}
          <p className="contact-tags">
            <span className={`tag tag-${entry.source}`}>{t(`directory.source.${entry.source}`)}</span>
            {entry.pendingSync && (
              <span className="tag tag-pending" data-testid="pending-sync" title={t('contact.pendingSyncHint')}>
                {t('contact.pendingSync')}
              </span>
            )}
            {personal && entry.handEdited && <span className="tag">{t('contact.handEdited')}</span>}
          </p>
        </div>
        <PickupButton number={messagePeer} name={entry.displayName} />
        <FavoriteStar entry={entry} />
      </div>
      {entry.email && (
        <p className="contact-line">
          <span className="contact-kind">{t('contact.field.email')}</span>
          <span className="contact-value selectable">{entry.email}</span>
        </p>
      )}
      {entry.numbers.length === 0 ? (
        <p className="muted">{t('contact.noNumbers')}</p>
      ) : (
        <ul className="contact-numbers">
          {entry.numbers.map((n, index) => (
            <li key={`${n.kind}-${n.number}`} className="contact-line">
              <span className="contact-kind">{t(`numberKind.${n.kind}`)}</span>
              <NumberLink number={n.number} onOpen={(url) => void openLink(url)} />
              <IconButton
                icon="phone"
                label={t('contact.callNumber', { kind: t(`numberKind.${n.kind}`), number: formatNumber(n.number) })}
                testId={`contact-call-${n.kind}`}
                className="btn-call"
                attributes={{ 'data-number': n.number, 'data-autofocus': index === 0 ? 'true' : undefined }}
                onPress={() => void call(n.number)}
              />
            </li>
          ))}
        </ul>
      )}
      {messagePeer !== undefined && (
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            data-testid="contact-message"
            onClick={() => {
              closeEntry();
              void openConversation(messagePeer);
            }}
          >
            <Icon name="message" />
            {t('messages.message')}
          </button>
        </div>
      )}
      {dialError && (
        <p className="form-error" role="alert">
          {t(dialErrorKey(dialError, dialErrorReason), { max: MAX_DIAL_DIGITS })}
        </p>
      )}
      {selectedError && (
        <p className="form-error" role="alert" data-testid="contact-error">
          {t(`error.${selectedError}`)}
        </p>
      )}
      {personal &&
        (confirming ? (
          <div className="confirm-row" role="group" aria-labelledby="contact-delete-question">
            <p id="contact-delete-question">{t('contact.deleteQuestion', { name: entry.displayName })}</p>
            <div className="form-actions">
              <button
                type="button"
                className="btn btn-danger"
                data-testid="contact-delete-confirm"
                onClick={() => void deleteContact(entry.id).then(() => setConfirming(false))}
              >
                <Icon name="trash" />
                {t('contact.deleteConfirm')}
              </button>
              <button type="button" className="btn" data-autofocus onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="form-actions">
            <button
              type="button"
              className="btn"
              data-testid="contact-edit"
              onClick={() => openContactForm({ mode: 'edit', entry })}
            >
              <Icon name="edit" />
              {t('contact.edit')}
            </button>
            <button type="button" className="btn" data-testid="contact-delete" onClick={() => setConfirming(true)}>
              <Icon name="trash" />
              {t('contact.delete')}
            </button>
          </div>
        ))}
    </>
  );
  if (!inline) {
    return (
      <Dialog title={t('contact.detailsTitle')} testId="contact-details" onClose={closeEntry}>
        {body}
      </Dialog>
    );
  }
  return (
    <section className="details-card" data-testid="contact-details" aria-labelledby="contact-details-title">
      <div className="dialog-head">
        <h2 id="contact-details-title">{t('contact.detailsTitle')}</h2>
        <IconButton
          icon="close"
          label={t('common.close')}
          className="icon-btn-small"
          testId="contact-details-close"
          onPress={closeEntry}
        />
      </div>
      {body}
    </section>
  );
}

/**
 * A number as a tel: link (SPEC G1): the click is the user's own in our
 * window, so links.open dials without asking; numbers that are not phone
 * numbers stay plain text.
 */
function NumberLink({ number, onOpen }: { number: string; onOpen(url: string): void }): ReactElement {
  const url = telUriFor(number);
  if (!url) return <span className="contact-value selectable">{formatNumber(number)}</span>;
  return (
    <a
      className="contact-value selectable tel-link"
      href={url}
      data-testid="tel-link"
      onClick={(ev) => {
        ev.preventDefault();
        onOpen(url);
      }}
    >
      {formatNumber(number)}
    </a>
  );
}
