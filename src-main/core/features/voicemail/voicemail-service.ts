import type { Voicemail } from '../../../../src-preload/contract/voicemail/voicemail-http';
import type { VoicemailListView, VoicemailView } from '../../../../src-preload/contract/voicemail';
import { TypedEmitter } from '../../platform/typed-emitter';

/** What the service needs of the UC server (VoicemailApi implements it; fakes in unit tests). */
export interface VoicemailTransport {
  listVoicemails(): Promise<Voicemail[]>;
  getVoicemailAudio(id: string): Promise<Uint8Array | undefined>;
  setVoicemailListened(id: string, listened: boolean): Promise<Voicemail>;
  deleteVoicemail(id: string): Promise<boolean>;
}

/** A message that arrived while the user was logged in: the shell's notification (SPEC G4). */
export interface VoicemailNotice {
  id: string;
  callerNumber: string;
  callerName?: string;
  receivedAt: number;
  durationMs: number;
  /** new messages, this one included (tray badge) */
  newCount: number;
}

/** Thrown by {@link VoicemailService.audioDataUrl} when the message is gone. */
export class VoicemailNotFoundError extends Error {
  override readonly name = 'VoicemailNotFoundError';
}

/**
 * The user's mailbox on the client (SPEC H1/H2): fetched at login and again
 * on every `voicemails-changed` live event (and at every reconnection of the
 * events socket), kept in memory, never stored locally. Refreshes are single
 * flight: a request during a fetch runs one more fetch after it, so the last
 * change is never missed. Messages that appear after the first fetch are
 * announced with {@link onDidReceive} (notification); the first fetch only
 * fills the list (old messages do not pop up at every login).
 */
export class VoicemailService {
  private readonly transport: VoicemailTransport;
  private readonly log: (level: 'warn' | 'info', message: string) => void;
  private items: VoicemailView[] = [];
  private loaded = false;
  private known = new Set<string>();
  private running: Promise<void> | undefined;
  private again = false;
  private disposed = false;
  private readonly didChange = new TypedEmitter<VoicemailListView>();
  private readonly didReceive = new TypedEmitter<VoicemailNotice>();

  /** The list changed (fetched, listened, deleted). */
  readonly onDidChange = this.didChange.event;
  /** A new message arrived since the first fetch. */
  readonly onDidReceive = this.didReceive.event;

  constructor(options: { transport: VoicemailTransport; logger?: (level: 'warn' | 'info', message: string) => void }) {
    this.transport = options.transport;
    this.log = options.logger ?? (() => undefined);
  }

  /** The mailbox as last fetched. */
  view(): VoicemailListView {
    return { voicemails: this.items.map((v) => ({ ...v })), newCount: this.newCount, loaded: this.loaded };
  }

  /** Messages not listened to yet. */
  get newCount(): number {
    return this.items.filter((v) => !v.listened).length;
  }

  /** Fetches the list (single flight); resolves when the list is current. Failures are logged, the old list stays. */
  refresh(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      // bounded: each round is one fetch; `again` is set only by a refresh() during it
      for (let round = 0; round < 10; round++) {
        this.again = false;
        await this.fetchOnce();
        if (!this.again || this.disposed) break;
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The recording as an audio/wav data: URL. */
  async audioDataUrl(id: string): Promise<string> {
    const bytes = await this.transport.getVoicemailAudio(id);
    if (!bytes) {
      this.refresh().catch((err: unknown) => this.log('warn', `voicemail refresh failed: ${String(err)}`));
      throw new VoicemailNotFoundError(`voicemail ${id} is gone`);
    }
    return `data:audio/wav;base64,${Buffer.from(bytes).toString('base64')}`;
  }

  /** Marks listened / new on the server; the list follows at once. */
  async setListened(id: string, listened: boolean): Promise<void> {
    const updated = await this.transport.setVoicemailListened(id, listened);
    this.replace(this.items.map((v) => (v.id === id ? toView(updated) : v)));
  }

  /** Deletes on the server (gone already counts as done); the list follows at once. */
  async delete(id: string): Promise<void> {
    await this.transport.deleteVoicemail(id);
    this.known.delete(id);
    this.replace(this.items.filter((v) => v.id !== id));
  }

  /** Stops announcing; the list is forgotten (logout). */
  dispose(): void {
    this.disposed = true;
    this.items = [];
    this.didChange.dispose();
    this.didReceive.dispose();
  }

  private async fetchOnce(): Promise<void> {
    let list: Voicemail[];
    try {
      list = await this.transport.listVoicemails();
    } catch (err) {
      this.log('warn', `voicemail list failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (this.disposed) return;
    const next = list.map(toView).sort((a, b) => b.receivedAt - a.receivedAt);
    const arrived = this.loaded ? next.filter((v) => !this.known.has(v.id) && !v.listened) : [];
    this.known = new Set(next.map((v) => v.id));
    this.loaded = true;
    this.replace(next, true);
    const newCount = this.newCount;
    for (const v of arrived) {
      this.didReceive.fire({
        id: v.id,
        callerNumber: v.callerNumber,
        ...(v.callerName !== undefined ? { callerName: v.callerName } : {}),
        receivedAt: v.receivedAt,
        durationMs: v.durationMs,
        newCount,
      });
    }
  }

  private replace(next: VoicemailView[], force = false): void {
    if (!force && JSON.stringify(next) === JSON.stringify(this.items)) return;
    this.items = next;
    if (!this.disposed) this.didChange.fire(this.view());
  }
}

function toView(v: Voicemail): VoicemailView {
  return {
    id: v.id,
    callerNumber: v.callerNumber,
    ...(v.callerName ? { callerName: v.callerName } : {}),
    receivedAt: v.receivedAt,
    durationMs: v.durationMs,
    listened: v.listened,
  };
}
