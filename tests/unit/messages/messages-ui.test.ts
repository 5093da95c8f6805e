/**
 * The renderer side of instant messages (SPEC E6, G4): the messages slice
 * against a fake engine, the web shell's message notifier, and the desktop
 * shell's notification wiring (Electron-free part).
 */
import { describe, expect, it } from 'vitest';
import type { NotificationActivation } from '../../../src-preload/contract/ipc-contract';
import type { ConversationView, MessageView } from '../../../src-preload/contract/messages';
import type { MessageNotice } from '../../../src-main/core/app/shell-backend';
import {
  messageNotificationText,
  wireMessageNotifications,
  type NotificationLike,
} from '../../../src-main/shell/message-notification';
import { newlyReceived, notifyMessages } from '../../../src-renderer/src/features/messages/message-notifier';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import { totalUnread } from '../../../src-renderer/src/features/messages/messages-slice';
import { flush, type FakeUc } from '../../support/renderer/fake-uc';
import { registeredFakeUc } from '../../support/renderer/registered-fake-uc';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };

function message(id: string, direction: 'in' | 'out', text: string, extra: Partial<MessageView> = {}): MessageView {
  return { id, peer: '100', direction, text, sentAt: Number(id), read: direction === 'out', status: 'sent', ...extra };
}

function conversation(peer: string, last: MessageView, unread: number): ConversationView {
  return { peer, peerName: peer === '100' ? 'Alice Martin' : undefined, last: { ...last, peer }, unread };
}

function engine(conversations: ConversationView[], history: MessageView[]): FakeUc {
  return registeredFakeUc()
    .handle('messages.listConversations', () => ({ ok: true, value: conversations }))
    .handle('messages.history', () => ({ ok: true, value: history }))
    .handle('messages.markRead', () => ({ ok: true, value: undefined }))
    .handle('messages.send', (p) =>
      p.text.trim() === ''
        ? { ok: false, error: { code: 'invalid-payload', message: 'text: a message cannot be empty' } }
        : { ok: true, value: message('9', 'out', p.text) },
    );
}

describe('messages slice', () => {
  it('loads the conversations, totals the unread ones and reloads on messages.onDidChange', async () => {
    const list = [conversation('100', message('2', 'in', 'Bonjour'), 2)];
    const uc = engine(list, []);
    const store = createAppStore(uc);
    connectAppStore(store, uc, always);
    await flush();
    expect(store.getState().conversations).toEqual(list);
    expect(totalUnread(store.getState().conversations)).toBe(2);
    list.push(conversation('102', message('3', 'in', 'Salut'), 1));
    uc.emit('messages.onDidChange', { peers: ['102'] });
    await flush();
    expect(totalUnread(store.getState().conversations)).toBe(3);
  });

  it('opening a conversation loads it and marks it read; a message arriving in it is read at once', async () => {
    const list = [conversation('100', message('2', 'in', 'Bonjour'), 1)];
    const history = [message('1', 'out', 'Salut'), message('2', 'in', 'Bonjour')];
    const uc = engine(list, history);
    const store = createAppStore(uc, 'en', { isUserLooking: () => true });
    connectAppStore(store, uc, always);
    await flush();
    await store.getState().openConversation('100');
    expect(store.getState().conversationPeer).toBe('100');
    expect(store.getState().conversationMessages.map((m) => m.text)).toEqual(['Salut', 'Bonjour']);
    expect(uc.invoked('messages.markRead')).toEqual([{ peer: '100' }]);
    list[0] = conversation('100', message('3', 'in', 'Encore'), 1);
    history.push(message('3', 'in', 'Encore'));
    uc.emit('messages.onDidChange', { peers: ['100'] });
    await flush();
    expect(store.getState().conversationMessages.map((m) => m.text)).toEqual(['Salut', 'Bonjour', 'Encore']);
    expect(uc.invoked('messages.markRead')).toHaveLength(2);
    store.getState().closeConversation();
    expect(store.getState().conversationPeer).toBeNull();
  });

  it('a message arriving in the open conversation while the window is hidden or unfocused stays unread until the user looks', async () => {
    const list = [conversation('100', message('2', 'in', 'Bonjour'), 0)];
    const history = [message('2', 'in', 'Bonjour', { read: true })];
    const uc = engine(list, history);
    let looking = true;
    const store = createAppStore(uc, 'en', { isUserLooking: () => looking });
    connectAppStore(store, uc, always);
    await flush();
    await store.getState().openConversation('100');
    await flush();
    const marks = uc.invoked('messages.markRead').length;
    // the window goes to the tray (or is minimized / behind another one) with the conversation open
    looking = false;
    list[0] = conversation('100', message('3', 'in', 'Tu es là ?'), 1);
    history.push(message('3', 'in', 'Tu es là ?'));
    uc.emit('messages.onDidChange', { peers: ['100'] });
    await flush();
    expect(store.getState().conversationMessages.map((m) => m.text)).toEqual(['Bonjour', 'Tu es là ?']);
    expect(uc.invoked('messages.markRead')).toHaveLength(marks);
    expect(totalUnread(store.getState().conversations)).toBe(1);
    // focus / visibilitychange while still not looking (e.g. hidden again): nothing is read
    store.getState().userDidLook();
    expect(uc.invoked('messages.markRead')).toHaveLength(marks);
    // the user brings the window back: now it is read
    looking = true;
    store.getState().userDidLook();
    expect(uc.invoked('messages.markRead')).toHaveLength(marks + 1);
    expect(uc.invoked('messages.markRead').at(-1)).toEqual({ peer: '100' });
    // without an open conversation, looking reads nothing
    store.getState().closeConversation();
    store.getState().userDidLook();
    expect(uc.invoked('messages.markRead')).toHaveLength(marks + 1);
  });

  it('sending reports a refusal and keeps nothing half-done', async () => {
    const uc = engine([], []);
    const store = createAppStore(uc);
    await store.getState().openConversation('100');
    expect(await store.getState().sendMessage('   ')).toBe(false);
    expect(uc.invoked('messages.send')).toEqual([]);
    uc.handle('messages.send', () => ({ ok: false, error: { code: 'not-logged-in', message: 'log in' } }));
    expect(await store.getState().sendMessage('Bonjour')).toBe(false);
    expect(store.getState().messageError).toBe('not-logged-in');
    uc.handle('messages.send', (p) => ({ ok: true, value: message('9', 'out', p.text) }));
    expect(await store.getState().sendMessage('Bonjour')).toBe(true);
    expect(store.getState().messageError).toBeNull();
    expect(uc.invoked('messages.send').at(-1)).toEqual({ peer: '100', text: 'Bonjour' });
  });

  it('a clicked message notification opens that conversation', async () => {
    const uc = engine([], [message('1', 'in', 'Bonjour')]);
    const store = createAppStore(uc);
    store.getState().notificationActivated({ kind: 'message', peer: '100' });
    await flush();
    expect(store.getState().conversationPeer).toBe('100');
    expect(store.getState().conversationMessages).toHaveLength(1);
  });
});

describe('web shell message notifier', () => {
  const before = [conversation('100', message('1', 'in', 'Bonjour'), 1)];

  it('notifies for a conversation whose unread count grew with an incoming message', () => {
    const after = [
      conversation('100', message('2', 'in', 'Tu es là ?'), 2),
      conversation('102', message('3', 'out', 'x'), 0),
    ];
    expect(newlyReceived(before, after).map((c) => c.peer)).toEqual(['100']);
    // the same list again, a read mark, or an outgoing message: nothing new
    expect(newlyReceived(after, after)).toEqual([]);
    expect(newlyReceived(after, [conversation('100', message('2', 'in', 'Tu es là ?'), 0)])).toEqual([]);
    const shown: { title: string; body: string; click: () => void }[] = [];
    const opened: string[] = [];
    const deps = {
      isShowing: () => false,
      permission: () => 'granted' as const,
      notify: (title: string, body: string, click: () => void) => shown.push({ title, body, click }),
      translate: (key: string, values?: Record<string, string>) => `${key}:${values?.name ?? ''}`,
      openConversation: (peer: string) => opened.push(peer),
    };
    expect(notifyMessages(before, after, deps)).toBe(1);
    expect(shown[0]).toMatchObject({ title: 'messages.notificationTitle:Alice Martin', body: 'Tu es là ?' });
    shown[0]!.click();
    expect(opened).toEqual(['100']);
    // not while the user looks at that conversation, nor without permission
    expect(notifyMessages(before, after, { ...deps, isShowing: (peer) => peer === '100' })).toBe(0);
    expect(notifyMessages(before, after, { ...deps, permission: () => 'denied' as const })).toBe(0);
  });
});

describe('desktop shell message notifications', () => {
  class FakeNotification implements NotificationLike {
    shown = false;
    readonly handlers = new Map<string, () => void>();
    constructor(readonly options: { title: string; body: string }) {}
    on(event: 'click' | 'close', listener: () => void): void {
      this.handlers.set(event, listener);
    }
    show(): void {
      this.shown = true;
    }
  }

  it('shows one per received message; a click shows the window and opens the conversation', () => {
    let fire: ((n: MessageNotice) => void) | undefined;
    const activations: NotificationActivation[] = [];
    const created: FakeNotification[] = [];
    let shownWindow = 0;
    let language = 'fr';
    let supported = true;
    const dispose = wireMessageNotifications({
      backend: {
        onDidReceiveMessage: (listener) => {
          fire = listener;
          return () => (fire = undefined);
        },
        reportNotificationActivation: (a) => activations.push(a),
      },
      isSupported: () => supported,
      create: (options) => {
        const n = new FakeNotification(options);
        created.push(n);
        return n;
      },
      showMainWindow: () => shownWindow++,
      language: () => language,
    });
    const notice: MessageNotice = {
      peer: '100',
      peerName: 'Alice Martin',
      preview: 'Bonjour',
      at: 1,
      unreadMessages: 1,
    };
    fire!(notice);
    expect(created[0]).toMatchObject({ shown: true, options: { title: 'Message de Alice Martin', body: 'Bonjour' } });
    created[0]!.handlers.get('click')!();
    expect(shownWindow).toBe(1);
    expect(activations).toEqual([{ kind: 'message', peer: '100' }]);
    language = 'en';
    expect(messageNotificationText({ ...notice, peerName: undefined }, language).title).toBe('Message from 100');
    supported = false;
    fire!(notice);
    expect(created).toHaveLength(1);
    dispose();
    expect(fire).toBeUndefined();
  });
});
