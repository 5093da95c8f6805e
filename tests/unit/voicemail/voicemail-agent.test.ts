import { SessionState, UserAgent, type Invitation } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseDialTarget } from '../../../src-preload/contract/calls/dial-target';
import type { ServerContext } from '../../../server/src/platform/server-context';
import { PcmuMediaSession, type ReceivedAudio } from '../../../server/src/features/voicemail/pcmu-media-session';
import {
  callerOf,
  VoicemailAgent,
  type VoicemailAgentOptions,
} from '../../../server/src/features/voicemail/voicemail-agent';
import { VoicemailStore } from '../../../server/src/features/voicemail/voicemail-store';
import { encodeWav } from '../../../server/src/features/voicemail/wav-codec';
import { insertTestAccount } from '../../support/insert-test-account';
import { openTestServerContext, type TestServerContext } from '../../support/open-test-server-context';

// The voicemail agent's call handling with fake sip.js invitations (no
// Kamailio, no media): the caps on calls at once and on messages per mailbox
// (486 before anything is answered), what is stored as the caller (a From
// outside our SIP domain is not an internal number), and stop() leaving no
// timer behind.

const DOMAIN = '127.0.0.1';

interface FakeCall {
  invitation: Invitation;
  rejected: { statusCode?: number; reasonPhrase?: string } | undefined;
  accepted: boolean;
  /** the agent subscribed to the caller's audio (it is recording) */
  recording: boolean;
  sendAudio(audio: ReceivedAudio): void;
  /** the caller hangs up */
  hangUp(): void;
  /** lets a held accept() finish */
  release(): void;
}

function fakeCall(options: { mailbox: string; from: string; displayName?: string; holdAccept?: boolean }): FakeCall {
  let state = SessionState.Initial;
  const listeners: Array<(s: SessionState) => void> = [];
  const setState = (next: SessionState): void => {
    if (state === SessionState.Terminated) return;
    state = next;
    for (const l of [...listeners]) l(next);
  };
  let release: () => void = () => undefined;
  const held = options.holdAccept ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  let audioListener: ((audio: ReceivedAudio) => void) | undefined;
  const media = Object.assign(Object.create(PcmuMediaSession.prototype) as PcmuMediaSession, {
    waitConnected: async () => true,
    playFrames: async () => undefined,
    onAudio: (listener: (audio: ReceivedAudio) => void) => {
      audioListener = listener;
      return () => (audioListener = undefined);
    },
  });
  const call: FakeCall = {
    rejected: undefined,
    accepted: false,
    get recording() {
      return audioListener !== undefined;
    },
    sendAudio: (audio) => audioListener?.(audio),
    hangUp: () => setState(SessionState.Terminated),
    release: () => release(),
    invitation: {
      request: {
        getHeader: (name: string) => (name.toLowerCase() === 'x-uc-mailbox' ? options.mailbox : undefined),
        ruri: UserAgent.makeURI(`sip:voicemail@${DOMAIN}`),
      },
      get state() {
        return state;
      },
      stateChange: { addListener: (l: (s: SessionState) => void) => listeners.push(l) },
      reject: async (o: { statusCode?: number; reasonPhrase?: string }) => {
        call.rejected = o;
        setState(SessionState.Terminated);
      },
      accept: async () => {
        call.accepted = true;
        await held;
        setState(SessionState.Established);
      },
      bye: async () => setState(SessionState.Terminated),
      sessionDescriptionHandler: media,
      remoteIdentity: { uri: UserAgent.makeURI(options.from)!, displayName: options.displayName ?? '' },
    } as unknown as Invitation,
  };
  return call;
}

async function until(what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('VoicemailAgent call handling', () => {
  let server: TestServerContext;
  let ctx: ServerContext;
  let alice: number;
  let bruno: number;
  let store: VoicemailStore;
  const agents: VoicemailAgent[] = [];

  const agent = (options: Partial<VoicemailAgentOptions> = {}): VoicemailAgent => {
    const a = new VoicemailAgent(ctx, {
      wsUrl: 'ws://127.0.0.1:9',
      mwiRpcUrl: null,
      logger: () => undefined,
      ...options,
    });
    agents.push(a);
    return a;
  };

  /** A call that goes through: answered, 2 packets recorded, caller hangs up. */
  async function leaveMessage(a: VoicemailAgent, call: FakeCall): Promise<void> {
    a.track(call.invitation);
    await until('recording', () => call.recording);
    call.sendAudio({ payload: new Uint8Array(160).fill(0x7f), timestamp: 1000, sequenceNumber: 1 });
    call.sendAudio({ payload: new Uint8Array(160).fill(0x7f), timestamp: 1160, sequenceNumber: 2 });
    call.hangUp();
  }

  async function waitForMessages(accountId: number, count: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if ((await store.list(accountId)).length >= count) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`mailbox ${accountId} never got ${count} messages`);
  }

  beforeEach(async () => {
    server = await openTestServerContext({
      prefix: 'sb-vmagent-',
      clock: { now: () => Date.now() },
      sipDomain: DOMAIN,
    });
    ctx = server.ctx;
    alice = await insertTestAccount(ctx.db, '100');
    bruno = await insertTestAccount(ctx.db, '101');
    store = new VoicemailStore(ctx);
  });

  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(agents.splice(0).map((a) => a.stop()));
    await server.close();
  });

  it('stores a message, with the bare number for a caller of our SIP domain', async () => {
    const a = agent();
    const call = fakeCall({ mailbox: '101', from: `sip:100@${DOMAIN}`, displayName: 'Alice Martin' });
    await leaveMessage(a, call);
    await waitForMessages(bruno, 1);
    const [vm] = await store.list(bruno);
    expect(vm).toMatchObject({ callerNumber: '100', callerName: 'Alice Martin', durationMs: 40 });
    expect(await store.list(alice)).toEqual([]);
  });

  it('stores the whole SIP URI for a caller outside our domain (no spoofing of internal 100)', async () => {
    const a = agent();
    await leaveMessage(a, fakeCall({ mailbox: '101', from: 'sip:100@evil.example', displayName: 'Alice' }));
    await waitForMessages(bruno, 1);
    const [vm] = await store.list(bruno);
    expect(vm).toMatchObject({ callerNumber: 'sip:100@evil.example', callerName: 'Alice' });
  });

  it('refuses calls above maxConcurrentCalls with 486 before answering, and takes them again after', async () => {
    const a = agent({ maxConcurrentCalls: 2 });
    const first = fakeCall({ mailbox: '101', from: `sip:100@${DOMAIN}`, holdAccept: true });
    const second = fakeCall({ mailbox: '101', from: `sip:102@${DOMAIN}`, holdAccept: true });
    a.track(first.invitation);
    a.track(second.invitation);
    await until('both answered', () => first.accepted && second.accepted);
    const third = fakeCall({ mailbox: '100', from: `sip:102@${DOMAIN}` });
    a.track(third.invitation);
    await until('third refused', () => third.rejected !== undefined);
    expect(third.rejected?.statusCode).toBe(486);
    expect(third.accepted).toBe(false);

    first.release();
    await until('first recording', () => first.recording);
    first.hangUp();
    await waitForMessages(bruno, 1);
    // one slot free again
    const fourth = fakeCall({ mailbox: '100', from: `sip:101@${DOMAIN}` });
    await leaveMessage(a, fourth);
    await waitForMessages(alice, 1);
    expect(fourth.rejected).toBeUndefined();
    second.release();
  });

  it('refuses with 486 "Mailbox Full" once the mailbox holds maxMessagesPerMailbox messages, before answering', async () => {
    const a = agent({ maxMessagesPerMailbox: 2 });
    const wav = encodeWav(Int16Array.from([1, 2, 3]));
    for (let i = 0; i < 2; i++) {
      await store.add({ accountId: bruno, callerNumber: '100', callerName: null, durationMs: 1, wav });
    }
    const full = fakeCall({ mailbox: '101', from: `sip:100@${DOMAIN}` });
    a.track(full.invitation);
    await until('refused', () => full.rejected !== undefined);
    expect(full.rejected).toEqual({ statusCode: 486, reasonPhrase: 'Mailbox Full' });
    expect(full.accepted).toBe(false);
    expect(await store.list(bruno)).toHaveLength(2);

    // another mailbox is not full
    const other = fakeCall({ mailbox: '100', from: `sip:101@${DOMAIN}` });
    await leaveMessage(a, other);
    await waitForMessages(alice, 1);

    // room again after a delete
    await store.delete(bruno, (await store.list(bruno))[0]!.id);
    const again = fakeCall({ mailbox: '101', from: `sip:100@${DOMAIN}` });
    await leaveMessage(a, again);
    await waitForMessages(bruno, 2);
  });

  it('stop() leaves no timer armed once the user agent stopped', async () => {
    vi.useFakeTimers();
    const a = agent();
    let stopped = false;
    // the registration supervisor (held by the platform's ServiceSipAgent) un-registers and stops the
    // user agent (SipRegistration.stop)
    (a as unknown as { sip: { registration: unknown } }).sip.registration = {
      stop: async () => {
        stopped = true;
      },
    };
    await a.stop();
    expect(stopped).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('callerOf', () => {
  const uri = (s: string) => UserAgent.makeURI(s)!;

  it('is the bare number only for a From in the SIP domain (case-insensitive host)', () => {
    expect(callerOf(uri('sip:100@uc.example'), 'uc.example')).toBe('100');
    expect(callerOf(uri('sip:100@UC.Example'), 'uc.example')).toBe('100');
  });

  it('is the whole URI (port kept, parameters dropped) for any other host', () => {
    expect(callerOf(uri('sip:100@evil.example'), 'uc.example')).toBe('sip:100@evil.example');
    expect(callerOf(uri('sip:100@uc.example.evil.example'), 'uc.example')).toBe('sip:100@uc.example.evil.example');
    expect(callerOf(uri('sip:bob@10.0.0.9:5080;transport=udp'), 'uc.example')).toBe('sip:bob@10.0.0.9:5080');
    expect(callerOf(uri('sip:evil.example'), 'uc.example')).toBe('sip:evil.example');
  });

  it('gives what the client dials on "call back" (voicemail-item dials callerNumber as is)', () => {
    expect(parseDialTarget(callerOf(uri('sip:100@uc.example'), 'uc.example'))).toMatchObject({
      ok: true,
      kind: 'internal',
      target: '100',
    });
    expect(parseDialTarget(callerOf(uri('sip:100@evil.example'), 'uc.example'))).toMatchObject({
      ok: true,
      kind: 'sip-uri',
      target: 'sip:100@evil.example',
    });
    expect(parseDialTarget(callerOf(uri('sip:bob@10.0.0.9:5080;transport=udp'), 'uc.example'))).toMatchObject({
      ok: true,
      kind: 'sip-uri',
      target: 'sip:bob@10.0.0.9:5080',
    });
  });
});
