/**
 * Import personal contacts from a CSV or XML file (SPEC C4): the file is read
 * in the page (FileReader → base64), the format follows the extension unless
 * chosen, the encoding is chosen (UTF-8 by default). All or nothing per file:
 * the result is the report (imported, updated, skipped rows with the reason)
 * or the error with its details.
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { importFormatSchema } from '../../../../src-preload/contract/directory';
import { IMPORT_ENCODINGS, importFormatOf, type ImportFormat, type ImportLocalError } from './contacts-slice';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';

/** ~5 MB of file = the contract's 7 000 000 base64 characters */
const MAX_FILE_BYTES = 5_000_000;

export function ImportDialog(): ReactElement {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.importState);
  const runImport = useAppStore((s) => s.runImport);
  const close = useAppStore((s) => s.closeImport);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat | 'auto'>('auto');
  const [encoding, setEncoding] = useState<string>('utf-8');
  const [localError, setLocalError] = useState<ImportLocalError | null>(null);
  const running = state.status === 'running';
  const effectiveFormat = format === 'auto' ? (file ? importFormatOf(file.name) : null) : format;

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    // aria-disabled rather than disabled while running: the focus stays on the button
    if (running) return;
    if (!file) return setLocalError('no-file');
    if (file.size > MAX_FILE_BYTES) return setLocalError('too-large');
    if (!effectiveFormat) return setLocalError('unknown-format');
    setLocalError(null);
    let contentBase64: string;
    try {
      contentBase64 = await readBase64(file);
    } catch {
      return setLocalError('read-failed');
    }
    if (!contentBase64) return setLocalError('no-file');
    await runImport({ format: effectiveFormat, encoding, contentBase64 });
  };

  return (
    <Dialog title={t('import.title')} testId="import-dialog" onClose={close} className="import-sheet">
      <form className="import-form" onSubmit={(ev) => void onSubmit(ev)} noValidate aria-busy={running}>
        <p className="muted">{t('import.intro')}</p>
        <span className="label" id="import-file-label">
          {t('import.file')}
        </span>
        <div className="file-picker">
          <input
            id="import-file"
            className="file-input visually-hidden"
            data-testid="import-file"
            type="file"
            accept=".csv,.txt,.xml,text/csv,text/xml,application/xml"
            aria-labelledby="import-file-label import-file-button import-file-name"
            data-autofocus
            disabled={running}
            onChange={(ev) => {
              setFile(ev.target.files?.[0] ?? null);
              setLocalError(null);
            }}
          />
          <label htmlFor="import-file" id="import-file-button" className="btn file-button">
            {t('import.chooseFile')}
          </label>
          <span id="import-file-name" className={`file-name${file ? '' : ' muted'}`}>
            {file ? file.name : t('import.noFile')}
          </span>
        </div>
        <div className="form-row">
          <div className="form-field">
            <label htmlFor="import-format">{t('import.format')}</label>
            <select
              id="import-format"
              data-testid="import-format"
              value={format}
              disabled={running}
              onChange={(ev) => {
                const picked = importFormatSchema.safeParse(ev.target.value);
                setFormat(picked.success ? picked.data : 'auto');
              }}
            >
              <option value="auto">
                {file && importFormatOf(file.name)
                  ? t('import.formatAutoDetected', {
                      format: t(`import.formatName.${importFormatOf(file.name) ?? 'csv'}`),
                    })
                  : t('import.formatAuto')}
              </option>
              {importFormatSchema.options.map((option) => (
                <option key={option} value={option}>
                  {t(`import.formatName.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="import-encoding">{t('import.encoding')}</label>
            <select
              id="import-encoding"
              data-testid="import-encoding"
              value={encoding}
              disabled={running}
              onChange={(ev) => setEncoding(ev.target.value)}
            >
              {IMPORT_ENCODINGS.map((enc) => (
                <option key={enc} value={enc}>
                  {t(`import.encodingName.${enc}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {localError && (
          <p className="form-error" role="alert" data-testid="import-error" data-code={localError}>
            {t(`import.localError.${localError}`)}
          </p>
        )}
        {running && (
          <div className="import-progress" role="status" data-testid="import-progress">
            <progress aria-label={t('import.running')} />
            <span>{t('import.running')}</span>
          </div>
        )}
        {state.status === 'failed' && (
          <div className="form-error" role="alert" data-testid="import-error" data-code={state.error.code}>
            <p>{t(`error.${state.error.code}`)}</p>
            {state.error.details && state.error.details.length > 0 && (
              <ul className="import-details">
                {state.error.details.map((detail, i) => (
                  <li key={i}>{detail}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {state.status === 'done' && (
          <section
            className="import-report"
            data-testid="import-report"
            aria-labelledby="import-report-title"
            role="status"
          >
            <h3 id="import-report-title">{t('import.reportTitle')}</h3>
            <dl className="import-counts">
              <div>
                <dt>{t('import.imported')}</dt>
                <dd data-testid="import-imported">{state.report.imported}</dd>
              </div>
              <div>
                <dt>{t('import.updated')}</dt>
                <dd data-testid="import-updated">{state.report.updated}</dd>
              </div>
              <div>
                <dt>{t('import.skipped')}</dt>
                <dd data-testid="import-skipped">{state.report.skipped.length}</dd>
              </div>
            </dl>
            {state.report.skipped.length > 0 && (
              <ul className="import-skipped">
                {state.report.skipped.map((s) => (
                  <li key={`${s.row}-${s.reason}`}>
                    <span className="import-row">{t('import.row', { row: s.row })}</span> {s.reason}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="import-submit"
            disabled={!file}
            aria-disabled={running || undefined}
          >
            {running ? t('import.running') : t('import.submit')}
          </button>
          <button type="button" className="btn" onClick={close}>
            {state.status === 'done' ? t('common.close') : t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The file's bytes as base64 (without the data: URL prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
