/**
 * Contacts slice (SPEC C4): the personal-contact form (create / edit), delete,
 * and the import dialog's state (running → report or error).
 */
import type {
  DirectoryEntryView,
  ImportReportView,
  IpcError,
  IpcErrorCode,
  UcApi,
} from '../../../../src-preload/contract/ipc-contract';
import type { ImportFormat } from '../../../../src-preload/contract/directory';
import {
  contactFieldsForCreate,
  contactFieldsForUpdate,
  contactValuesFromEntry,
  validateContact,
  type ContactFieldError,
  type ContactFormField,
  type ContactFormValues,
} from './contact-fields';
import type { SliceCreator } from '../../platform/store/app-state';

export type ContactForm = { mode: 'create' } | { mode: 'edit'; entry: DirectoryEntryView };
export type { ImportFormat };
/** WHATWG labels offered for import files (the engine decodes with them). */
export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1', 'iso-8859-15', 'utf-16le'] as const;

/** Problems the import dialog finds before sending anything. */
export const IMPORT_LOCAL_ERRORS = ['no-file', 'too-large', 'unknown-format', 'read-failed'] as const;
export type ImportLocalError = (typeof IMPORT_LOCAL_ERRORS)[number];

export type ImportState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; report: ImportReportView }
  | { status: 'failed'; error: IpcError };

/** csv/xml from the file name, or null when the extension says neither. */
export function importFormatOf(fileName: string): ImportFormat | null {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'txt' ? 'csv' : ext === 'xml' ? 'xml' : null;
}

export interface ContactsSlice {
  contactForm: ContactForm | null;
  contactSaving: boolean;
  contactFieldErrors: Partial<Record<ContactFormField, ContactFieldError>>;
  contactError: IpcErrorCode | null;
  importOpen: boolean;
  importState: ImportState;
  openContactForm(form: ContactForm): void;
  closeContactForm(): void;
  saveContact(values: ContactFormValues): Promise<boolean>;
  deleteContact(id: string): Promise<boolean>;
  openImport(): void;
  closeImport(): void;
  runImport(input: { format: ImportFormat; encoding: string; contentBase64: string }): Promise<void>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends ContactsSlice {}
}

export function createContactsSlice(uc: UcApi): SliceCreator<ContactsSlice> {
  return (set, get) => ({
    contactForm: null,
    contactSaving: false,
    contactFieldErrors: {},
    contactError: null,
    importOpen: false,
    importState: { status: 'idle' },

    openContactForm(form) {
      set({ contactForm: form, contactFieldErrors: {}, contactError: null, contactSaving: false });
    },
    closeContactForm() {
      set({ contactForm: null, contactFieldErrors: {}, contactError: null, contactSaving: false });
    },

    async saveContact(values) {
      const form = get().contactForm;
      if (!form || get().contactSaving) return false;
      const fieldErrors = validateContact(values);
      if (Object.keys(fieldErrors).length > 0) {
        set({ contactFieldErrors: fieldErrors, contactError: null });
        return false;
      }
      set({ contactSaving: true, contactFieldErrors: {}, contactError: null });
      let result;
      if (form.mode === 'create') {
        result = await uc.invoke('contacts.create', { fields: contactFieldsForCreate(values) });
      } else {
        const fields = contactFieldsForUpdate(contactValuesFromEntry(form.entry), values);
        result =
          Object.keys(fields).length === 0
            ? ({ ok: true, value: form.entry } as const)
            : await uc.invoke('contacts.update', { id: form.entry.id, fields });
      }
      if (!result.ok) {
        set({ contactSaving: false, contactError: result.error.code });
        return false;
      }
      set({ contactSaving: false, contactForm: null, selectedEntry: result.value, selectedError: null });
      void get().refreshDirectory();
      return true;
    },

    async deleteContact(id) {
      const result = await uc.invoke('contacts.delete', { id });
      if (!result.ok) {
        set({ selectedError: result.error.code });
        return false;
      }
      if (get().selectedEntry?.id === id) set({ selectedEntry: null, selectedError: null });
      void get().refreshDirectory();
      return true;
    },

    openImport() {
      set({ importOpen: true, importState: { status: 'idle' } });
    },
    closeImport() {
      // a running import goes on in the engine; its result is simply not shown
      set({ importOpen: false, importState: { status: 'idle' } });
    },
    async runImport(input) {
      set({ importState: { status: 'running' } });
      const result = await uc.invoke('contacts.import', input);
      if (!get().importOpen) return;
      set({
        importState: result.ok ? { status: 'done', report: result.value } : { status: 'failed', error: result.error },
      });
      if (result.ok) void get().refreshDirectory();
    },
  });
}
