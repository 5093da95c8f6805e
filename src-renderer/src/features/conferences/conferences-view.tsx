/**
 * The Conferences view (SPEC I1–I6): the user's rooms, active ones first with how many are in
 * them; create one (you moderate it), join with one click, and — as a moderator — rename,
 * delete (asked first: conference-edit.tsx), allow the guest PIN, add a colleague or an external, remove one, make a colleague
 * moderator. Participants' states (idle, dialing in, waiting, active) follow live.
 */
import { Star } from 'lucide-react';
import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../../src-preload/contract/conferences';
import { useAppStore } from '../../platform/store/use-app-store';
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
  const create = useAppStore((s) => s.createConference);
  const [name, setName] = useState('');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') return;
    if (await create(name.trim())) setName('');
  };
  return (
    <section className="conferences" aria-labelledby="conferences-heading" data-testid="conferences-section">
      <h2 id="conferences-heading" className="section-title">
        {t('conferences.heading')}
      </h2>
      {error && (
        <p className="form-error" role="alert" data-testid="conferences-error">
          {t(`conferences.error.${KNOWN_ERRORS.has(error) ? error : 'other'}`)}
        </p>
      )}
      <Form className="conference-create" onSubmit={(e) => void submit(e)}>
        <TextField value={name} onChange={setName} maxLength={80} aria-label={t('conferences.newName')}>
          <Input placeholder={t('conferences.newName')} data-testid="conference-new-name" />
        </TextField>
        <Button type="submit" className="button" data-testid="conference-create">
          {t('conferences.create')}
        </Button>
      </Form>
      {conferences.length === 0 ? (
        <p className="empty-state" data-testid="conferences-empty">
          {t('conferences.empty')}
        </p>
      ) : (
        <ul className="conference-list" data-testid="conference-list">
          {conferences.map((c) => (
            <ConferenceItem key={c.id} conference={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

const KNOWN_ERRORS = new Set(['not-found', 'server-unreachable', 'invalid-state', 'invalid-payload', 'not-registered']);

function ConferenceItem({ conference: c }: { conference: Conference }): ReactElement {
  const { t } = useTranslation();
  const join = useAppStore((s) => s.joinConference);
  const setGuestPin = useAppStore((s) => s.setConferenceGuestPin);
  const removeParticipant = useAppStore((s) => s.removeConferenceParticipant);
  const setModerator = useAppStore((s) => s.setConferenceModerator);
  const disconnect = useAppStore((s) => s.disconnectConferenceParticipant);
  const end = useAppStore((s) => s.endConference);
  const me = c.participants.find((p) => p.pin !== null && !c.moderator) ?? undefined;
  return (
    <li className="conference-item" data-testid={`conference-${c.id}`} data-active-count={c.activeCount}>
      <div className="conference-row">
        <span className="conference-name">{c.name}</span>
        {c.activeCount > 0 && (
          <span className="badge badge-green" data-testid="conference-active-count">
            {t('conferences.activeCount', { count: c.activeCount })}
          </span>
        )}
        <Button className="button" onPress={() => void join(c.id)} data-testid="conference-join">
          {t('conferences.join')}
        </Button>
        {c.moderator && c.activeCount > 0 && (
          <Button className="button" onPress={() => void end(c.id)} data-testid="conference-end">
            {t('conferences.end')}
          </Button>
        )}
        {c.moderator && <RenameConference conference={c} />}
        {c.moderator && <DeleteConference conference={c} />}
      </div>
      <p className="conference-dial-in" data-testid="conference-dial-in">
        {t('conferences.dialIn', { number: c.dialIn })}
        {me?.pin ? ` · ${t('conferences.yourPin', { pin: me.pin })}` : ''}
        {c.guestPin ? ` · ${t('conferences.guestPin', { pin: c.guestPin })}` : ''}
      </p>
      {c.endsAt !== null && (
        <p className="form-error" role="status" data-testid="conference-ends-at">
          {t('conferences.endsAt', {
            time: new Date(c.endsAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
          })}
        </p>
      )}
      {c.moderator && (
        <label className="conference-guest">
          <input
            type="checkbox"
            checked={c.guestPinEnabled}
            onChange={(e) => void setGuestPin(c.id, e.target.checked)}
            data-testid="conference-guest-pin"
          />
          {t('conferences.allowGuests')}
        </label>
      )}
      {c.moderator && <InviteAll conference={c} />}
      <ul className="conference-participants" aria-label={t('conferences.participants')}>
        {c.participants.map((p) => (
          <li key={p.id} data-testid={`conference-participant-${p.id}`} data-state={p.state}>
            {p.moderator && (
              <span className="conference-moderator" title={t('conferences.moderator')}>
                <Star size={14} aria-label={t('conferences.moderator')} />
              </span>
            )}
            <span>{p.name}</span>
            {p.number && <span className="conference-number"> {p.number}</span>}
            <span className="conference-state"> — {t(`conferences.state.${p.state}`)}</span>
            {c.moderator && p.pin && (
              <span className="conference-pin"> · {t('conferences.pinOf', { pin: p.pin })}</span>
            )}
            {p.pin && p.email && (
              <Button
                className="link-button"
                onPress={() => openMail(mailtoUrl([p.email!], invitationText(t, c, p.pin!, p)))}
                data-testid="conference-invite-one"
              >
                {t('conferences.invitation.invite')}
              </Button>
            )}
            {p.pin && <CopyButton invitation={invitationText(t, c, p.pin, p)} />}
            {c.moderator && p.kind === 'internal' && (
              <Button className="link-button" onPress={() => void setModerator(c.id, p.id, !p.moderator)}>
                {p.moderator ? t('conferences.dropModerator') : t('conferences.makeModerator')}
              </Button>
            )}
            {c.moderator && (p.state === 'waiting' || p.state === 'active') && (
              <Button
                className="link-button"
                onPress={() => void disconnect(c.id, p.id)}
                data-testid="conference-disconnect"
              >
                {t('conferences.disconnect')}
              </Button>
            )}
            {c.moderator && (
              <Button className="link-button" onPress={() => void removeParticipant(c.id, p.id)}>
                {t('conferences.remove')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {c.moderator && <AddParticipant conferenceId={c.id} />}
    </li>
  );
}

/** "Invite everyone" (guest PIN): e-mail to every external with an address, or the text to copy. */
function InviteAll({ conference: c }: { conference: Conference }): ReactElement {
  const { t } = useTranslation();
  if (!c.guestPin) return <p className="hint">{t('conferences.invitation.needsGuestPin')}</p>;
  const invitation = invitationText(t, c, c.guestPin);
  const emails = c.participants.flatMap((p) => (p.email ? [p.email] : []));
  return (
    <div className="conference-invite">
      <Button
        className="button"
        onPress={() => openMail(mailtoUrl(emails, invitation))}
        data-testid="conference-invite-all"
      >
        {t('conferences.invitation.inviteAll')}
      </Button>
      <CopyButton invitation={invitation} label={t('conferences.invitation.copyAll')} />
    </div>
  );
}

function CopyButton({ invitation, label }: { invitation: Invitation; label?: string }): ReactElement {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    await navigator.clipboard.writeText(`${invitation.subject}\n\n${invitation.body}`);
    setCopied(true);
  };
  return (
    <Button
      className="link-button"
      onPress={() => void copy().catch(() => setCopied(false))}
      data-testid="conference-copy"
    >
      {copied ? t('conferences.invitation.copied') : (label ?? t('conferences.invitation.copy'))}
    </Button>
  );
}

function AddParticipant({ conferenceId }: { conferenceId: number }): ReactElement {
  const { t } = useTranslation();
  const add = useAppStore((s) => s.addConferenceParticipant);
  const addColleagues = useAppStore((s) => s.addConferenceColleagues);
  const groups = useAppStore((s) => s.favorites.groups);
  const [colleague, setColleague] = useState('');
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [email, setEmail] = useState('');
  const addColleague = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (colleague.trim() === '') return;
    if (await add(conferenceId, { kind: 'internal', number: colleague.trim() })) setColleague('');
  };
  const addExternal = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') return;
    const ok = await add(conferenceId, {
      kind: 'external',
      name: name.trim(),
      number: number.trim(),
      email: email.trim() === '' ? null : email.trim(),
    });
    if (ok) {
      setName('');
      setNumber('');
      setEmail('');
    }
  };
  return (
    <div className="conference-add">
      {groups.map((group) => {
        const numbers = group.favorites.flatMap((f) => (f.internalNumber ? [f.internalNumber] : []));
        return numbers.length === 0 ? null : (
          <Button
            key={group.id}
            className="link-button"
            onPress={() => void addColleagues(conferenceId, numbers)}
            data-testid="conference-add-group"
          >
            {t('conferences.addGroup', { name: group.name })}
          </Button>
        );
      })}
      <Form onSubmit={(e) => void addColleague(e)}>
        <TextField value={colleague} onChange={setColleague} maxLength={32}>
          <Label>{t('conferences.addColleague')}</Label>
          <Input data-testid="conference-add-colleague" />
        </TextField>
        <Button type="submit" className="button">
          {t('conferences.add')}
        </Button>
      </Form>
      <Form onSubmit={(e) => void addExternal(e)}>
        <TextField value={name} onChange={setName} maxLength={80}>
          <Label>{t('conferences.externalName')}</Label>
          <Input data-testid="conference-add-external-name" />
        </TextField>
        <TextField value={number} onChange={setNumber} maxLength={40}>
          <Label>{t('conferences.externalNumber')}</Label>
          <Input />
        </TextField>
        <TextField value={email} onChange={setEmail} maxLength={200} type="email">
          <Label>{t('conferences.externalEmail')}</Label>
          <Input />
        </TextField>
        <Button type="submit" className="button">
          {t('conferences.addExternal')}
        </Button>
      </Form>
    </div>
  );
}
