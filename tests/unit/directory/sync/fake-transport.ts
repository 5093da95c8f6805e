import type {
  Change,
  ChangesResponse,
  ContactCreate,
  ContactMutationResponse,
  ContactPatch,
  DirectoryEntry,
} from '../../../../src-preload/contract/directory/directory-http';
import type { ContactFields } from '../../../../src-preload/contract/directory/contact-fields';
import type { SyncTransport } from '../../../../src-main/core/features/directory/sync/sync-ports';
import { UcClientError } from '../../../../src-main/core/platform/uc/uc-client-error';

export type SentOp = { op: 'create' | 'patch' | 'delete'; id: string; key: string; fields?: ContactFields };

/**
 * In-memory stand-in for the UC server behind the SyncTransport seam: a change
 * feed, personal contacts, Idempotency-Key replay, and hooks to fail or hold
 * requests.
 */
export class FakeTransport implements SyncTransport {
  readonly feed: Change[] = [];
  readonly contacts = new Map<string, DirectoryEntry>();
  readonly sent: SentOp[] = [];
  readonly pulls: number[] = [];
  /** return an error to throw for this request (checked before it is applied) */
  failNext: ((what: string) => Error | undefined) | undefined;
  /** while set, requests wait for it */
  gate: Promise<void> | undefined;
  private readonly replies = new Map<string, ContactMutationResponse>();
  private revision = 0;

  get currentRevision(): number {
    return this.revision;
  }

  async changes(since: number, limit: number): Promise<ChangesResponse> {
    await this.gate;
    this.pulls.push(since);
    this.maybeFail('changes');
    const after = this.feed.filter((c) => c.revision > since);
    const page = after.slice(0, limit);
    const hasMore = after.length > limit;
    return { changes: page, revision: hasMore ? page[page.length - 1]!.revision : this.revision, hasMore };
  }

  async createContact(body: ContactCreate, key: string): Promise<ContactMutationResponse> {
    await this.gate;
    this.sent.push({ op: 'create', id: `personal:${body.id}`, key, fields: body.fields });
    this.maybeFail('create');
    return this.once(key, () => {
      const entry = personal(`personal:${body.id}`, body.fields);
      this.contacts.set(entry.id, entry);
      return { entry, revision: this.push({ op: 'upsert', id: entry.id, entry }) };
    });
  }

  async patchContact(id: string, body: ContactPatch, key: string): Promise<ContactMutationResponse> {
    await this.gate;
    this.sent.push({ op: 'patch', id, key, fields: body.fields });
    this.maybeFail('patch');
    return this.once(key, () => {
      const current = this.contacts.get(id);
      if (!current) throw new UcClientError('api', 'not found', { status: 404, code: 'not-found' });
      const entry = personal(id, { ...fieldsOf(current), ...body.fields });
      this.contacts.set(id, entry);
      return { entry, revision: this.push({ op: 'upsert', id, entry }) };
    });
  }

  async deleteContact(id: string, key: string): Promise<ContactMutationResponse> {
    await this.gate;
    this.sent.push({ op: 'delete', id, key });
    this.maybeFail('delete');
    return this.once(key, () => {
      if (!this.contacts.delete(id)) throw new UcClientError('api', 'not found', { status: 404, code: 'not-found' });
      return { revision: this.push({ op: 'delete', id }) };
    });
  }

  /** A change made elsewhere (another client, an admin import). */
  serverUpsert(entry: DirectoryEntry): number {
    if (entry.source === 'personal') this.contacts.set(entry.id, entry);
    return this.push({ op: 'upsert', id: entry.id, entry });
  }

  serverDelete(id: string): number {
    this.contacts.delete(id);
    return this.push({ op: 'delete', id });
  }

  private push(c: Omit<Change, 'revision'>): number {
    this.revision++;
    this.feed.push({ ...c, revision: this.revision } as Change);
    return this.revision;
  }

  private once(key: string, run: () => ContactMutationResponse): ContactMutationResponse {
    const stored = this.replies.get(key);
    if (stored) return stored;
    const reply = run();
    this.replies.set(key, reply);
    return reply;
  }

  private maybeFail(what: string): void {
    const err = this.failNext?.(what);
    if (err) throw err;
  }
}

export function personal(id: string, f: ContactFields, updatedAt = 1): DirectoryEntry {
  const name = [f.firstName, f.lastName].filter(Boolean).join(' ');
  return {
    id,
    source: 'personal',
    displayName: name || f.company || '',
    ...(f.firstName ? { firstName: f.firstName } : {}),
    ...(f.lastName ? { lastName: f.lastName } : {}),
    ...(f.company ? { company: f.company } : {}),
    ...(f.email ? { email: f.email } : {}),
    numbers: (['business', 'mobile', 'private', 'other'] as const)
      .filter((k) => f[k])
      .map((kind) => ({ kind, number: f[kind]! })),
    handEdited: true,
    updatedAt,
  };
}

export function internal(number: string, displayName: string): DirectoryEntry {
  return {
    id: `internal:${number}`,
    source: 'internal',
    displayName,
    numbers: [{ kind: 'internal', number }],
    updatedAt: 1,
  };
}

function fieldsOf(e: DirectoryEntry): ContactFields {
  const out: ContactFields = {};
  if (e.firstName) out.firstName = e.firstName;
  if (e.lastName) out.lastName = e.lastName;
  if (e.company) out.company = e.company;
  if (e.email) out.email = e.email;
  for (const k of ['business', 'mobile', 'private', 'other'] as const) {
    const n = e.numbers.find((x) => x.kind === k)?.number;
    if (n) out[k] = n;
  }
  return out;
}
