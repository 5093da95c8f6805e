/**
 * The Conferences view (SPEC I1–I6): the user's rooms as list rows — rooms in use first with
 * how many are in them (green chip) — each with Join (one click, no PIN) and a disclosure to its
 * details: dial-in number and PINs, participants with their live state as chips and a green star
 * for moderators, and — as a moderator — rename, guest PIN, invitations, add
 * (conference-participant-dialog.tsx), make moderator, disconnect, remove, end and delete
 * (conference-edit.tsx).
 */
import { ChevronDown, ChevronRight, Copy, Mail, Presentation, Star, UserMinus } from 'lucide-react';
import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Conference, ConferenceParticipant } from '../../../../src-preload/contract/conferences';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';
import { Icon } from '../../platform/ui/icon';
import { conferenceErrorKey } from './conference-error';
import { IconButton } from '../../platform/ui/icon-button';
import { SettingSwitch } from '../../platform/ui/setting-switch';
import { AddParticipant } from './conference-participant-dialog';
import { ToolButton } from './tool-button';
import { DeleteConference, RenameConference } from './conference-edit';
import { invitationText, mailtoUrl, type Invitation } from './conference-invitation';

/** Opens the user's mail program (the desktop shell hands `mailto:` to the system). */
function openMail(url: string): void {
  window.open(url, '_blank', 'noopener');
}

export function ConferencesView(): ReactElement {
  const { t } = useTranslation();
  const conferences = useAppStore((s) => s.conferences);
  const error = useAppStore((s) => s.conferencesError);
  const [creating, setCreating] = useState(false);
  // rooms in use first (SPEC I6), then by name; the server's order breaks ties
  const sorted = [...conferences].sort(
    (a, b) => Number(b.activeCount > 0) - Number(a.activeCount > 0) || a.name.localeCompare(b.name),
  );
  return (
    <section className="conferences" aria-labelledby="conferences-heading" data-testid="conferences-section">
      <div className="conferences-heading">
        <h2 id="conferences-heading" className="section-title">
          {t('conferences.heading')}
        </h2>
        <ToolButton
          icon="plus"
          label={t('conferences.new')}
          className="btn-primary"
          testId="conference-new"
          onPress={() => setCreating(true)}
        />
      </div>
      {error && (
        <p className="banner banner-warning" role="alert" data-testid="conferences-error">
          {t(conferenceErrorKey(error))}
        </p>
      )}
      {creating && <CreateConference onClose={() => setCreating(false)} />}
      {conferences.length === 0 ? (
        <p className="empty-state" data-testid="conferences-empty">
          {t('conferences.empty')}
        </p>
      ) : (
        <ul className="conference-list" data-testid="conference-list">
          {sorted.map((c) => (
            <ConferenceItem key={c.id} conference={c} openAtFirst={conferences.length === 1 || c.activeCount > 0} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** "New conference": a dialog asking the name; the room exists (and you moderate it) once the server stored it. */
function CreateConference({ onClose }: { onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const create = useAppStore((s) => s.createConference);
  const [name, setName] = useState('');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') return;
    if (await create(name.trim())) onClose();
  };
  return (
    <Dialog title={t('conferences.newTitle')} testId="conference-create-dialog" onClose={onClose}>
      <Form className="conference-form" onSubmit={(e) => void submit(e)}>
        <TextField value={name} onChange={setName} maxLength={80} isRequired autoFocus className="field">
          <Label>{t('conferences.name')}</Label>
          <Input data-testid="conference-new-name" />
        </TextField>
        <p className="field-hint muted">{t('conferences.newHint')}</p>
        <div className="form-actions">
          <Button className="btn" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" className="btn btn-primary" data-testid="conference-create">
            {t('conferences.create')}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

function ConferenceItem({
  conference: c,
  openAtFirst,
}: {
  conference: Conference;
  openAtFirst: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const join = useAppStore((s) => s.joinConference);
  const [open, setOpen] = useState(openAtFirst);
  const active = c.activeCount > 0;
  const me = c.participants.find((p) => p.pin !== null && !c.moderator) ?? undefined;
  const detailsId = `conference-details-${c.id}`;
  return (
    <li
      className={`conference-item${active ? ' is-active' : ''}`}
      data-testid={`conference-${c.id}`}
      data-active-count={c.activeCount}
    >
      <div className="conference-row">
        <span className="conference-icon" aria-hidden="true">
          <Icon name={Presentation} />
        </span>
        <button
          type="button"
          className="conference-summary"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen(!open)}
          data-testid="conference-toggle"
        >
          <strong className="conference-name">{c.name}</strong>
          <span className="conference-line">
            {active && (
              <span className="tag tag-green conference-count" data-testid="conference-active-count">
                {t('conferences.activeCount', { count: c.activeCount })}
              </span>
            )}
            <span className="conference-meta muted">
              {t('conferences.participantCount', { count: c.participants.length })}
            </span>
          </span>
        </button>
        <IconButton
          icon="phone"
          label={t('conferences.join')}
          className="btn-call"
          testId="conference-join"
          onPress={() => void join(c.id)}
        />
        <span className="conference-chevron" aria-hidden="true">
          <Icon name={open ? ChevronDown : ChevronRight} />
        </span>
      </div>
      {c.endsAt !== null && (
        <p className="banner banner-warning conference-ends" role="status" data-testid="conference-ends-at">
          {t('conferences.endsAt', {
            time: new Date(c.endsAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
          })}
        </p>
      )}
      {open && (
        <div className="conference-details" id={detailsId}>
          <p className="conference-dial-in" data-testid="conference-dial-in">
            {t('conferences.dialIn', { number: c.dialIn })}
            {me?.pin ? ` · ${t('conferences.yourPin', { pin: me.pin })}` : ''}
            {c.guestPin ? ` · ${t('conferences.guestPin', { pin: c.guestPin })}` : ''}
          </p>
          {c.moderator && <ModeratorTools conference={c} />}
          <ul className="conference-participants" aria-label={t('conferences.participants')}>
            {c.participants.map((p) => (
              <ParticipantRow key={p.id} conference={c} participant={p} />
            ))}
          </ul>
          {c.moderator && <AddParticipant conference={c} />}
        </div>
      )}
    </li>
  );
}

/** The moderator's room actions: rename, guest PIN, invite everyone, end, delete. */
function ModeratorTools({ conference: c }: { conference: Conference }): ReactElement {
  const { t } = useTranslation();
  const setGuestPin = useAppStore((s) => s.setConferenceGuestPin);
  const end = useAppStore((s) => s.endConference);
  return (
    <div className="conference-tools">
      <SettingSwitch
        label={t('conferences.allowGuests')}
        testId="conference-guest-pin"
        checked={c.guestPinEnabled}
        onChange={(on) => void setGuestPin(c.id, on)}
      />
      {!c.guestPin && <p className="field-hint muted">{t('conferences.invitation.needsGuestPin')}</p>}
      <div className="conference-actions">
        <InviteAll conference={c} />
        <RenameConference conference={c} />
        {c.activeCount > 0 && (
          <ToolButton
            icon="phone-off"
            label={t('conferences.end')}
            testId="conference-end"
            onPress={() => void end(c.id)}
          />
        )}
        <DeleteConference conference={c} />
      </div>
    </div>
  );
}

/** a participant's state as a tag (chip): green in the room, amber alone with the music, blue dialing in */
const STATE_TAG: Record<ConferenceParticipant['state'], string> = {
  idle: 'tag conference-state',
  'dialing-in': 'tag conference-state tag-accent',
  waiting: 'tag conference-state tag-amber',
  active: 'tag conference-state tag-green',
};

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

function ParticipantRow({
  conference: c,
  participant: p,
}: {
  conference: Conference;
  participant: ConferenceParticipant;
}): ReactElement {
  const { t } = useTranslation();
  const removeParticipant = useAppStore((s) => s.removeConferenceParticipant);
  const setModerator = useAppStore((s) => s.setConferenceModerator);
  const disconnect = useAppStore((s) => s.disconnectConferenceParticipant);
  const inRoom = p.state === 'waiting' || p.state === 'active';
  return (
    <li className="conference-participant" data-testid={`conference-participant-${p.id}`} data-state={p.state}>
      <span className="contact-avatar" aria-hidden="true">
        {initials(p.name)}
      </span>
      <div className="conference-participant-body">
        <span className="conference-participant-name">
          <span className="peer-name">{p.name}</span>
          {p.moderator && (
            <span className="conference-moderator" title={t('conferences.moderator')}>
              <Star size={14} fill="currentColor" aria-label={t('conferences.moderator')} role="img" />
            </span>
          )}
        </span>
        <span className="conference-participant-meta muted">
          {p.number}
          {c.moderator && p.pin ? `${p.number ? ' · ' : ''}${t('conferences.pinOf', { pin: p.pin })}` : ''}
        </span>
      </div>
      <span className={STATE_TAG[p.state]} data-testid="conference-participant-state">
        {t(`conferences.state.${p.state}`)}
      </span>
      <div className="conference-participant-actions">
        {p.pin && p.email && (
          <IconButton
            icon={Mail}
            label={t('conferences.invitation.invite')}
            className="icon-btn-small"
            testId="conference-invite-one"
            onPress={() => openMail(mailtoUrl([p.email!], invitationText(t, c, p.pin!, p)))}
          />
        )}
        {p.pin && <CopyButton invitation={invitationText(t, c, p.pin, p)} small />}
        {c.moderator && p.kind === 'internal' && (
          <IconButton
            icon={Star}
            label={p.moderator ? t('conferences.dropModerator') : t('conferences.makeModerator')}
            className={`icon-btn-small${p.moderator ? ' is-moderator' : ''}`}
            pressed={p.moderator}
            testId="conference-moderator-toggle"
            onPress={() => void setModerator(c.id, p.id, !p.moderator)}
          />
        )}
        {c.moderator && inRoom && (
          <IconButton
            icon="phone-off"
            label={t('conferences.disconnect')}
            className="icon-btn-small"
            testId="conference-disconnect"
            onPress={() => void disconnect(c.id, p.id)}
          />
        )}
        {c.moderator && (
          <IconButton
            icon={UserMinus}
            label={t('conferences.remove')}
            className="icon-btn-small"
            testId="conference-remove"
            onPress={() => void removeParticipant(c.id, p.id)}
          />
        )}
      </div>
    </li>
  );
}

/** "Invite everyone" (guest PIN only): e-mail to every external with an address, or the text to copy. */
function InviteAll({ conference: c }: { conference: Conference }): ReactElement | null {
  const { t } = useTranslation();
  if (!c.guestPin) return null;
  const invitation = invitationText(t, c, c.guestPin);
  const emails = c.participants.flatMap((p) => (p.email ? [p.email] : []));
  return (
    <>
      <ToolButton
        icon={Mail}
        label={t('conferences.invitation.inviteAll')}
        testId="conference-invite-all"
        onPress={() => openMail(mailtoUrl(emails, invitation))}
      />
      <CopyButton invitation={invitation} label={t('conferences.invitation.copyAll')} />
    </>
  );
}

function CopyButton({
  invitation,
  label,
  small,
}: {
  invitation: Invitation;
  label?: string;
  small?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    await navigator.clipboard.writeText(`${invitation.subject}\n\n${invitation.body}`);
    setCopied(true);
  };
  const text = copied ? t('conferences.invitation.copied') : (label ?? t('conferences.invitation.copy'));
  const onPress = () => void copy().catch(() => setCopied(false));
  if (small) {
    return (
      <IconButton
        icon={copied ? 'check' : Copy}
        label={text}
        className="icon-btn-small"
        testId="conference-copy"
        onPress={onPress}
      />
    );
  }
  return <ToolButton icon={copied ? 'check' : Copy} label={text} testId="conference-copy" onPress={onPress} />;
}
