import type {
  ChangesResponse,
  ContactCreate,
  ContactImportRequest,
  ContactImportResponse,
  ContactMutationResponse,
  ContactPatch,
} from '../../../src-preload/contract/directory/directory-http';
import type {
  MessageSend,
  MessageSendResponse,
  MessagesDelete,
  MessagesRead,
  MessagesReadResponse,
  MessagesResponse,
} from '../../../src-preload/contract/messages/messages-http';
import type { Presence, PresenceSetRequest } from '../../../src-preload/contract/presence/presence-http';
import type { Voicemail } from '../../../src-preload/contract/voicemail/voicemail-http';
import { DirectoryApi, type UcPhoto } from '../features/directory';
import { MessagesApi } from '../features/messages';
import { PresenceApi } from '../features/presence';
import { VoicemailApi } from '../features/voicemail';
import { UcHttpClient } from '../platform/uc/uc-http-client';

export type { FetchFn, UcHttpClientOptions as UcServerClientOptions } from '../platform/uc/uc-http-client';
export type { UcPhoto } from '../features/directory';

/**
 * The whole UC server API in one object, for tools and tests (bench, soak,
 * integration tests, a sync client process): the base {@link UcHttpClient}
 * plus every feature's calls. The app itself does not use it: each feature
 * builds its own API on the session's {@link UcHttpClient}, so a new domain
 * needs no edit here.
 */
export class UcServerClient extends UcHttpClient {
  private readonly directoryApi = new DirectoryApi(this);
  private readonly presenceApi = new PresenceApi(this);
  private readonly messagesApi = new MessagesApi(this);
  private readonly voicemailApi = new VoicemailApi(this);

  changes(since: number, limit: number): Promise<ChangesResponse> {
    return this.directoryApi.changes(since, limit);
  }
  createContact(body: ContactCreate, idempotencyKey: string): Promise<ContactMutationResponse> {
    return this.directoryApi.createContact(body, idempotencyKey);
  }
  patchContact(id: string, body: ContactPatch, idempotencyKey: string): Promise<ContactMutationResponse> {
    return this.directoryApi.patchContact(id, body, idempotencyKey);
  }
  deleteContact(id: string, idempotencyKey: string): Promise<ContactMutationResponse> {
    return this.directoryApi.deleteContact(id, idempotencyKey);
  }
  importContacts(request: ContactImportRequest): Promise<ContactImportResponse> {
    return this.directoryApi.importContacts(request);
  }
  getPhoto(path: string, ifNoneMatch?: string): Promise<UcPhoto | 'not-modified' | undefined> {
    return this.directoryApi.getPhoto(path, ifNoneMatch);
  }
  getPresence(): Promise<Presence> {
    return this.presenceApi.getPresence();
  }
  setPresence(request: PresenceSetRequest): Promise<Presence> {
    return this.presenceApi.setPresence(request);
  }
  sendMessage(body: MessageSend, idempotencyKey: string): Promise<MessageSendResponse> {
    return this.messagesApi.sendMessage(body, idempotencyKey);
  }
  messages(since: number, limit: number): Promise<MessagesResponse> {
    return this.messagesApi.messages(since, limit);
  }
  markMessagesRead(body: MessagesRead): Promise<MessagesReadResponse> {
    return this.messagesApi.markMessagesRead(body);
  }

  deleteMessages(body: MessagesDelete): Promise<MessagesReadResponse> {
    return this.messagesApi.deleteMessages(body);
  }
  listVoicemails(): Promise<Voicemail[]> {
    return this.voicemailApi.listVoicemails();
  }
  getVoicemailAudio(id: string): Promise<Uint8Array | undefined> {
    return this.voicemailApi.getVoicemailAudio(id);
  }
  setVoicemailListened(id: string, listened: boolean): Promise<Voicemail> {
    return this.voicemailApi.setVoicemailListened(id, listened);
  }
  deleteVoicemail(id: string): Promise<boolean> {
    return this.voicemailApi.deleteVoicemail(id);
  }
}
