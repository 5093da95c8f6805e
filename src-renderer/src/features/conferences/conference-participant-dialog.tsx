/**
 * "Add participants" (SPEC I3, D4): a moderator's dialog to add a colleague by number, a whole
 * favorites group, or an external (name, number, e-mail). It stays open for several additions;
 * each one shows in the room's list as soon as the server stored it.
 */
import { UserPlus } from 'lucide-react';
import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../../src-preload/contract/conferences';
import { useAppStore, useAppStoreApi } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';
import { Icon } from '../../platform/ui/icon';
import { conferenceErrorKey } from './conference-error';
import { ToolButton } from './tool-button';

export function AddParticipant({ conference: c }: { conference: Conference }): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ToolButton
        icon={UserPlus}
        label={t('conferences.addParticipants')}
        className="conference-add-open"
        testId="conference-add"
        keepLabel
        onPress={() => setOpen(true)}
      />
      {open && <AddParticipantDialog conference={c} onClose={() => setOpen(false)} />}
    </>
  );
}

function AddParticipantDialog({ conference: c, onClose }: { conference: Conference; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const add = useAppStore((s) => s.addConferenceParticipant);
  const addColleagues = useAppStore((s) => s.addConferenceColleagues);
  const groups = useAppStore((s) => s.favorites.groups);
  const error = useAppStore((s) => s.conferencesError);
  const store = useAppStoreApi();
  const [colleague, setColleague] = useState('');
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [email, setEmail] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const addColleague = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const value = colleague.trim();
    if (value === '') return;
    if (await add(c.id, { kind: 'internal', number: value })) {
      setColleague('');
      setAdded(value);
    }
  };
  const addExternal = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') return;
    const ok = await add(c.id, {
      kind: 'external',
      name: name.trim(),
      number: number.trim(),
      email: email.trim() === '' ? null : email.trim(),
    });
    if (ok) {
      setAdded(name.trim());
      setName('');
      setNumber('');
      setEmail('');
    }
  };
  const groupButtons = groups.flatMap((group) => {
    const numbers = group.favorites.flatMap((f) => (f.internalNumber ? [f.internalNumber] : []));
    return numbers.length === 0
      ? []
      : [
          <Button
            key={group.id}
            className="btn btn-small"
            onPress={() =>
              void addColleagues(c.id, numbers).then(() => {
                if (store.getState().conferencesError === null) setAdded(group.name);
              })
            }
            data-testid="conference-add-group"
          >
            <Icon name="users" />
            {t('conferences.addGroup', { name: group.name })}
          </Button>,
        ];
  });
  return (
    <Dialog
      title={t('conferences.addTitle', { name: c.name })}
      testId="conference-add-dialog"
      onClose={onClose}
      className="conference-add-dialog"
    >
      <Form className="conference-form" onSubmit={(e) => void addColleague(e)}>
        <h3 className="conference-form-title">{t('conferences.colleague')}</h3>
        <div className="conference-inline">
          <TextField value={colleague} onChange={setColleague} maxLength={32} autoFocus className="field">
            <Label>{t('conferences.addColleague')}</Label>
            <Input data-testid="conference-add-colleague" inputMode="tel" />
          </TextField>
          <Button type="submit" className="btn btn-primary">
            {t('conferences.add')}
          </Button>
        </div>
        {groupButtons.length > 0 && <div className="conference-actions">{groupButtons}</div>}
      </Form>
      <Form className="conference-form" onSubmit={(e) => void addExternal(e)}>
        <h3 className="conference-form-title">{t('conferences.external')}</h3>
        <TextField value={name} onChange={setName} maxLength={80} className="field">
          <Label>{t('conferences.externalName')}</Label>
          <Input data-testid="conference-add-external-name" />
        </TextField>
        <TextField value={number} onChange={setNumber} maxLength={40} className="field">
          <Label>{t('conferences.externalNumber')}</Label>
          <Input inputMode="tel" data-testid="conference-add-external-number" />
        </TextField>
        <TextField value={email} onChange={setEmail} maxLength={200} type="email" className="field">
          <Label>{t('conferences.externalEmail')}</Label>
          <Input data-testid="conference-add-external-email" />
        </TextField>
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" data-testid="conference-add-external">
            {t('conferences.addExternal')}
          </Button>
        </div>
      </Form>
      {error !== null && (
        <p className="form-error" role="alert" data-testid="conference-add-error">
          {t(conferenceErrorKey(error))}
        </p>
      )}
      {added !== null && error === null && (
        <p className="form-success" role="status" data-testid="conference-added">
          {t('conferences.added', { name: added })}
        </p>
      )}
      <div className="form-actions">
        <Button className="btn" onPress={onClose} data-testid="conference-add-done">
          {t('conferences.done')}
        </Button>
      </div>
    </Dialog>
  );
}
