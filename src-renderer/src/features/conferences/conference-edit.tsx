/**
 * A moderator's edits of a room that need a second step: renaming (an inline field that keeps the
 * old name until the server stored the new one) and deleting (a confirmation dialog: a deleted
 * room's number, PINs and participants are gone for everyone).
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Conference } from '../../../../src-preload/contract/conferences';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';
import { ToolButton } from './tool-button';

/** "Rename" opens a field with the current name; Enter/Save sends it, Cancel or Esc drops it. */
export function RenameConference({ conference: c }: { conference: Conference }): ReactElement {
  const { t } = useTranslation();
  const rename = useAppStore((s) => s.renameConference);
  const [name, setName] = useState<string | undefined>(undefined);
  if (name === undefined) {
    return (
      <ToolButton
        icon="edit"
        label={t('conferences.rename')}
        testId="conference-rename"
        onPress={() => setName(c.name)}
      />
    );
  }
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const next = name.trim();
    if (next === '' || next === c.name) {
      setName(undefined);
      return;
    }
    // the field stays open with what was typed when the server refused it (the error shows above)
    if (await rename(c.id, next)) setName(undefined);
  };
  return (
    <Form className="conference-rename" onSubmit={(e) => void submit(e)}>
      <TextField
        value={name}
        onChange={setName}
        maxLength={80}
        autoFocus
        isRequired
        onKeyDown={(e) => {
          if (e.key === 'Escape') setName(undefined);
        }}
      >
        <Label className="visually-hidden">{t('conferences.renameLabel')}</Label>
        <Input data-testid="conference-rename-input" />
      </TextField>
      <Button type="submit" className="btn btn-small btn-primary" data-testid="conference-rename-save">
        {t('conferences.save')}
      </Button>
      <Button className="btn btn-small" onPress={() => setName(undefined)} data-testid="conference-rename-cancel">
        {t('common.cancel')}
      </Button>
    </Form>
  );
}

/** "Delete" asks first; the room goes only once confirmed. */
export function DeleteConference({ conference: c }: { conference: Conference }): ReactElement {
  const { t } = useTranslation();
  const remove = useAppStore((s) => s.deleteConference);
  const [asking, setAsking] = useState(false);
  return (
    <>
      <ToolButton
        icon="trash"
        label={t('conferences.delete')}
        className="btn-danger-outline"
        testId="conference-delete"
        onPress={() => setAsking(true)}
      />
      {asking && (
        <Dialog
          title={t('conferences.confirmDeleteTitle')}
          testId="conference-confirm-delete"
          onClose={() => setAsking(false)}
        >
          <p>{t('conferences.confirmDelete', { name: c.name })}</p>
          <div className="form-actions">
            <Button className="btn" onPress={() => setAsking(false)} data-testid="conference-confirm-delete-cancel">
              {t('common.cancel')}
            </Button>
            <Button
              className="btn btn-danger"
              data-autofocus
              onPress={() => {
                setAsking(false);
                void remove(c.id);
              }}
              data-testid="conference-confirm-delete-ok"
            >
              {t('conferences.delete')}
            </Button>
          </div>
        </Dialog>
      )}
    </>
  );
}
