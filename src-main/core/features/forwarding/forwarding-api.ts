import {
  forwardingDocumentSchema,
  type ForwardingDocument,
  type ForwardingRules,
} from '../../../../src-preload/contract/forwarding';
import type { UcHttpClient } from '../../platform/uc/uc-http-client';
import type { ForwardingTransport } from './forwarding-service';

/** The forwarding calls to the UC server (SPEC J3, B2). */
export class ForwardingApi implements ForwardingTransport {
  constructor(private readonly http: UcHttpClient) {}

  /** GET /me/forwarding: the own rules (null: never set). */
  getRules(): Promise<ForwardingDocument> {
    return this.http.request('GET', '/me/forwarding', {}, forwardingDocumentSchema);
  }

  /** PUT /me/forwarding (400 invalid-request with the first problem). */
  setRules(rules: ForwardingRules): Promise<ForwardingDocument> {
    return this.http.request('PUT', '/me/forwarding', { body: rules }, forwardingDocumentSchema);
  }
}
