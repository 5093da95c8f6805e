import type { ImportReport } from '../../../../../src-preload/contract/platform';
import { ApiHttpError } from '../../../platform/http/api-http-error';

/** 400 import-failed carrying the report of what was found (nothing was written). */
export class ImportFailedError extends ApiHttpError {
  readonly report: ImportReport;

  constructor(message: string, report: ImportReport) {
    super(400, 'import-failed', message);
    this.name = 'ImportFailedError';
    this.report = report;
  }

  override toBody(): ReturnType<ApiHttpError['toBody']> {
    return { ...super.toBody(), report: this.report };
  }
}
