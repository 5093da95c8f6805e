import { describe, expect, it } from 'vitest';
import type { Voicemail } from '../../../src-preload/contract/voicemail/voicemail-http';
import type { VoicemailListView } from '../../../src-preload/contract/voicemail';
import {
  VoicemailNotFoundError,
  VoicemailService,
  type VoicemailNotice,
  type VoicemailTransport,
} from '../../../src-main/core/features/voicemail/voicemail-service';

/** An in-memory mailbox behind the transport seam. */
class FakeMailbox implements VoicemailTransport {
  items: Voicemail[] = [];
  lists = 0;
  failNext = false;
  gate: Promise<void> | undefined;

  async listVoicemails(): Promise<Voicemail[]> {
    this.lists += 1;
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('unreachable');
    }
    return this.items.map((v) => ({ ...v }));
  }
  async getVoicemailAudio(id: string): Promise<Uint8Array | undefined> {
    return this.items.some((v) => v.id === id) ? new Uint8Array([82, 73, 70, 70]) : undefined;
  }
  async setVoicemailListened(id: string, listened: boolean): Promise<Voicemail> {
    const v = this.items.find((x) => x.id === id);
    if (!v) throw new Error('404');
    v.listened = listened;
    return { ...v };
  }
  async deleteVoicemail(id: string): Promise<boolean> {
    const before = this.items.length;
    this.items = this.items.filter((v) => v.id !== id);
    return this.items.length < before;
  }
}

const vm = (id: string, receivedAt: number, listened = false): Voicemail => ({
  id,
  callerNumber: '100',
  callerName: id === 'a' ? 'Alice Martin' : null,
  receivedAt,
  durationMs: 3000,
  listened,
});

function setup() {
  const mailbox = new FakeMailbox();
  const service = new VoicemailService({ transport: mailbox });
  const views: VoicemailListView[] = [];
  const notices: VoicemailNotice[] = [];
  service.onDidChange((v) => views.push(v));
  service.onDidReceive((n) => notices.push(n));
  return { mailbox, service, views, notices };
}

describe('VoicemailService', () => {
  it('the first fetch fills the list (newest first) without announcing old messages', async () => {
    const { mailbox, service, views, notices } = setup();
    expect(service.view()).toEqual({ voicemails: [], newCount: 0, loaded: false });
    mailbox.items = [vm('a', 1000), vm('b', 3000, true), vm('c', 2000)];
    await service.refresh();
    expect(service.view().voicemails.map((v) => v.id)).toEqual(['b', 'c', 'a']);
    expect(service.view().loaded).toBe(true);
    expect(service.newCount).toBe(2);
    expect(views).toHaveLength(1);
    expect(notices).toEqual([]);
    // no callerName: the property is absent, not null
    expect(service.view().voicemails.find((v) => v.id === 'c')).not.toHaveProperty('callerName');
  });

  it('announces a message that arrives later, with the new count', async () => {
    const { mailbox, service, notices } = setup();
    mailbox.items = [vm('a', 1000)];
    await service.refresh();
    mailbox.items.push(vm('d', 5000));
    await service.refresh();
    expect(notices).toEqual([{ id: 'd', callerNumber: '100', receivedAt: 5000, durationMs: 3000, newCount: 2 }]);
    await service.refresh();
    expect(notices).toHaveLength(1);
  });

  it('keeps the old list when a fetch fails', async () => {
    const { mailbox, service } = setup();
    mailbox.items = [vm('a', 1000)];
    await service.refresh();
    mailbox.failNext = true;
    mailbox.items = [];
    await service.refresh();
    expect(service.view().voicemails.map((v) => v.id)).toEqual(['a']);
  });

  it('refreshes are single flight; a request during a fetch runs one more fetch', async () => {
    const { mailbox, service } = setup();
    let open!: () => void;
    mailbox.gate = new Promise((r) => (open = r));
    const first = service.refresh();
    const second = service.refresh();
    const third = service.refresh();
    mailbox.items = [vm('a', 1000)];
    open();
    await Promise.all([first, second, third]);
    expect(mailbox.lists).toBe(2);
    expect(service.view().voicemails).toHaveLength(1);
  });

  it('setListened and delete update the list and the count at once', async () => {
    const { mailbox, service, views } = setup();
    mailbox.items = [vm('a', 1000), vm('c', 2000)];
    await service.refresh();
    await service.setListened('a', true);
    expect(service.newCount).toBe(1);
    expect(views.at(-1)?.newCount).toBe(1);
    await service.delete('c');
    expect(service.view()).toMatchObject({ newCount: 0, voicemails: [{ id: 'a', listened: true }] });
  });

  it('audio comes as a data: URL; a message that is gone is VoicemailNotFoundError', async () => {
    const { mailbox, service } = setup();
    mailbox.items = [vm('a', 1000)];
    await service.refresh();
    expect(await service.audioDataUrl('a')).toBe('data:audio/wav;base64,UklGRg==');
    await expect(service.audioDataUrl('zz')).rejects.toBeInstanceOf(VoicemailNotFoundError);
  });

  it('the refresh after a gone message is not a floating promise: its failure is logged', async () => {
    const mailbox = new FakeMailbox();
    const logs: string[] = [];
    const service = new VoicemailService({ transport: mailbox, logger: (level, m) => logs.push(`${level} ${m}`) });
    // a server answering garbage: the list cannot be read, so the refresh itself rejects
    mailbox.listVoicemails = async () => null as unknown as Voicemail[];
    await expect(service.audioDataUrl('zz')).rejects.toBeInstanceOf(VoicemailNotFoundError);
    for (let i = 0; i < 50 && logs.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(logs).toEqual([expect.stringMatching(/^warn voicemail refresh failed: TypeError/)]);
  });

  it('after dispose nothing is fetched or announced', async () => {
    const { mailbox, service, views } = setup();
    service.dispose();
    await service.refresh();
    expect(mailbox.lists).toBe(0);
    expect(views).toEqual([]);
  });
});
