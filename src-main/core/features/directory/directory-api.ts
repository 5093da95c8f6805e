import {
  changesResponseSchema,
  contactImportResponseSchema,
  contactMutationResponseSchema,
  type ChangesResponse,
  type ContactCreate,
  type ContactImportRequest,
  type ContactImportResponse,
  type ContactMutationResponse,
  type ContactPatch,
} from '../../../../src-preload/contract/directory/directory-http';
import { UcClientError } from '../../platform/uc/uc-client-error';
import { snippet, type UcHttpClient } from '../../platform/uc/uc-http-client';
import type { SyncTransport } from './sync/sync-ports';

/** A photo as GET /photos/:number returns it (see {@link DirectoryApi.getPhoto}). */
export interface UcPhoto {
  mime: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
  /** the ETag without quotes ('' if the server sent none) */
  etag: string;
}

/** Largest photo body accepted from the server (it stores at most 512 KB, SPEC J2). */
const MAX_PHOTO_REPLY_BYTES = 1024 * 1024;

/** The directory's calls to the UC server: the change feed, personal contacts, their import, photos. */
export class DirectoryApi implements SyncTransport {
  constructor(private readonly http: UcHttpClient) {}

  /** GET /changes?since=&limit=: one page of the user's change feed. */
  changes(since: number, limit: number): Promise<ChangesResponse> {
    const query = `since=${encodeURIComponent(String(since))}&limit=${encodeURIComponent(String(limit))}`;
    return this.http.request('GET', `/changes?${query}`, {}, changesResponseSchema);
  }

  /** POST /contacts with an Idempotency-Key (a resend with the same key creates nothing new). */
  createContact(body: ContactCreate, idempotencyKey: string): Promise<ContactMutationResponse> {
    return this.http.request('POST', '/contacts', { body, idempotencyKey }, contactMutationResponseSchema);
  }

  /** PATCH /contacts/:id with an Idempotency-Key. */
  patchContact(id: string, body: ContactPatch, idempotencyKey: string): Promise<ContactMutationResponse> {
    return this.http.request(
      'PATCH',
      `/contacts/${encodeURIComponent(id)}`,
      { body, idempotencyKey },
      contactMutationResponseSchema,
    );
  }

  /** DELETE /contacts/:id with an Idempotency-Key. */
  deleteContact(id: string, idempotencyKey: string): Promise<ContactMutationResponse> {
    return this.http.request(
      'DELETE',
      `/contacts/${encodeURIComponent(id)}`,
      { idempotencyKey },
      contactMutationResponseSchema,
    );
  }

  /** POST /contacts/import (all or nothing on the server). */
  importContacts(request: ContactImportRequest): Promise<ContactImportResponse> {
    return this.http.request(
      'POST',
      '/contacts/import',
      { body: request, timeoutMs: this.http.timeoutMs * 6 },
      contactImportResponseSchema,
    );
  }

  /**
   * GET a photo by the server path a directory entry carries (photoUrl, e.g.
   * `/api/v1/photos/100?v=…`), with the access token (one refresh + retry on
   * 401 like every authenticated request). Only paths on this server are
   * fetched, so the token never leaves for another host.
   * Returns undefined when the server has no photo (404) and `'not-modified'`
   * when `ifNoneMatch` is still the current ETag (304).
   */
  async getPhoto(path: string, ifNoneMatch?: string): Promise<UcPhoto | 'not-modified' | undefined> {
    const base = new URL(this.http.apiUrl);
    const url = new URL(path, base);
    if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname}/photos/`)) {
      throw new UcClientError('bad-server-reply', `refusing to fetch a photo outside the UC server: ${snippet(path)}`);
    }
    const relative = url.pathname.slice(base.pathname.length) + url.search;
    const headers: Record<string, string> = { accept: 'image/png, image/jpeg' };
    if (ifNoneMatch) headers['if-none-match'] = `"${ifNoneMatch}"`;
    const reply = await this.http.requestBinary('GET', relative, headers, [304, 404]);
    if (reply.status === 304) return 'not-modified';
    if (reply.status === 404) return undefined;
    const what = `GET ${relative.split('?')[0]}`;
    const mime = reply.contentType.split(';')[0]!.trim().toLowerCase();
    if (mime !== 'image/png' && mime !== 'image/jpeg') {
      throw new UcClientError('bad-server-reply', `the UC server sent ${snippet(mime)} instead of an image (${what})`, {
        status: reply.status,
      });
    }
    const { bytes } = reply;
    if (bytes.length === 0 || bytes.length > MAX_PHOTO_REPLY_BYTES) {
      throw new UcClientError('bad-server-reply', `the UC server sent a photo of ${bytes.length} bytes (${what})`, {
        status: reply.status,
      });
    }
    const etag = reply.etag.replace(/^W\//, '').replace(/^"|"$/g, '');
    return { mime, bytes, etag };
  }
}
