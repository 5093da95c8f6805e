/**
 * New / edit personal contact (SPEC C4): names, company, e-mail and three
 * numbers; checked locally first (a clear message per field), then
 * contacts.create or contacts.update (only the changed fields).
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONTACT_FORM_FIELDS,
  contactValuesFromEntry,
  emptyContactValues,
  type ContactFormField,
  type ContactFormValues,
} from './contact-fields';
import type { ContactForm as ContactFormState } from './contacts-slice';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';

const INPUT_TYPES: Record<ContactFormField, { type: string; autoComplete: string; inputMode?: 'tel' | 'email' }> = {
  firstName: { type: 'text', autoComplete: 'given-name' },
  lastName: { type: 'text', autoComplete: 'family-name' },
  company: { type: 'text', autoComplete: 'organization' },
  email: { type: 'email', autoComplete: 'email', inputMode: 'email' },
  business: { type: 'tel', autoComplete: 'work tel', inputMode: 'tel' },
  mobile: { type: 'tel', autoComplete: 'mobile tel', inputMode: 'tel' },
  private: { type: 'tel', autoComplete: 'home tel', inputMode: 'tel' },
};

export function ContactForm({ form }: { form: ContactFormState }): ReactElement {
  const { t } = useTranslation();
  const saving = useAppStore((s) => s.contactSaving);
  const fieldErrors = useAppStore((s) => s.contactFieldErrors);
  const error = useAppStore((s) => s.contactError);
  const save = useAppStore((s) => s.saveContact);
  const close = useAppStore((s) => s.closeContactForm);
  const [values, setValues] = useState<ContactFormValues>(() =>
    form.mode === 'edit' ? contactValuesFromEntry(form.entry) : emptyContactValues(),
  );

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    void save(values);
  };

  return (
    <Dialog
      title={form.mode === 'edit' ? t('contact.editTitle') : t('contact.newTitle')}
      testId="contact-form"
      onClose={close}
    >
      <form className="contact-form" onSubmit={onSubmit} noValidate>
        {CONTACT_FORM_FIELDS.map((field, index) => {
          const id = `contact-field-${field}`;
          const fieldError = fieldErrors[field];
          return (
            <div key={field} className={`form-field field-${field}`}>
              <label htmlFor={id}>{t(`contact.field.${field}`)}</label>
              <input
                id={id}
                data-testid={id}
                name={field}
                type={INPUT_TYPES[field].type}
                autoComplete={INPUT_TYPES[field].autoComplete}
                inputMode={INPUT_TYPES[field].inputMode}
                data-autofocus={index === 0 ? true : undefined}
                value={values[field]}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={fieldError ? `${id}-error` : undefined}
                onChange={(ev) => setValues((v) => ({ ...v, [field]: ev.target.value }))}
              />
              {fieldError && (
                <p id={`${id}-error`} className="field-error" data-testid={`${id}-error`}>
                  {t(`contact.fieldError.${fieldError}`)}
                </p>
              )}
            </div>
          );
        })}
        {error && (
          <p className="form-error" role="alert" data-testid="contact-form-error">
            {t(`error.${error}`)}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="contact-save"
            aria-disabled={saving || undefined}
          >
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="btn" onClick={close}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
