import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inviter, Registerer, SessionState, Subscriber, UserAgent, type Session } from 'sip.js';
import { WebSocket as NodeWebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../../src-preload/contract/platform';
import { loginResponseSchema } from '../../../src-preload/contract/session';
import { voicemailListResponseSchema, voicemailSchema, type Voicemail } from '../../../src-preload/contract/voicemail';
import { PcmuMediaSession } from '../../../server/src/features/voicemail/pcmu-media-session';
import { decodeWav, encodeMulaw } from '../../../server/src/features/voicemail/wav-codec';
import { bestLoopedCorrelation, rmsEnvelope } from '../../support/audio-envelope';
import { makeSpeechWav } from '../../support/speech-wav';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

// SPEC H1/H2 through the real stack: a werift caller registered as 100 dials
// vm101; Kamailio routes it to the voicemail service (X-UC-Mailbox: 101),
// which plays its greeting, records what the caller sends (looped speech)
// and stores it for 101. Then the API: owner-only list/audio/PATCH/DELETE.

const SPEECH = 'One, two, three. Four, five.';
/** how long the caller speaks after the greeting + beep */
const SPEAK_MS = 3_000;
/** greeting (2.28 s) + beep (0.4 s), rounded up */
const PROMPT_MS = 2_800;

describe('voicemail service on the real stack', () => {
  let stack: UcStack;
  let dir: string;
  let speech8k: Int16Array;
  let ua: UserAgent;
  let tokens: Record<string, string>;

  async function login(user: string): Promise<string> {
    const res = await fetch(`${stack.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, password: `Welcome${user}!` }),
    });
    expect(res.status).toBe(200);
    return loginResponseSchema.parse(await res.json()).accessToken;
  }

  function api(user: string, path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${stack.apiUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
  }

  async function list(user: string): Promise<Voicemail[]> {
    const res = await api(user, '/voicemails');
    expect(res.status).toBe(200);
    return voicemailListResponseSchema.parse(await res.json()).voicemails;
  }

  /**
   * Dials `target` from 100 (or from `from`); resolves with the session once it
   * ended, and the final SIP status if refused.
   */
  async function call(
    target: string,
    speak: (media: PcmuMediaSession, session: Session) => Promise<void>,
    options: { extraHeaders?: string[]; from?: UserAgent } = {},
  ): Promise<{ rejectedWith: number | undefined }> {
    const uri = UserAgent.makeURI(`sip:${target}@${stack.kamailio.domain}`);
    if (!uri) throw new Error('bad target');
    let rejectedWith: number | undefined;
    const inviter = new Inviter(options.from ?? ua, uri, { extraHeaders: options.extraHeaders ?? [] });
    const ended = new Promise<void>((resolve) =>
      inviter.stateChange.addListener((s) => {
        if (s === SessionState.Terminated) resolve();
      }),
    );
    const established = new Promise<boolean>((resolve) =>
      inviter.stateChange.addListener((s) => {
        if (s === SessionState.Established) resolve(true);
        if (s === SessionState.Terminated) resolve(false);
      }),
    );
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => {
          rejectedWith = response.message.statusCode;
        },
      },
    });
    if (await established) {
      const media = inviter.sessionDescriptionHandler as PcmuMediaSession;
      expect(await media.waitConnected(10_000)).toBe(true);
      await speak(media, inviter);
      if (inviter.state === SessionState.Established) await inviter.bye();
    }
    await ended;
    return { rejectedWith };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-vm-'));
    const wav22k = makeSpeechWav(join(dir, 'speech.wav'), SPEECH);
    const wav8k = join(dir, 'speech-8k.wav');
    execFileSync('sox', [wav22k, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', wav8k]);
    speech8k = decodeWav(readFileSync(wav8k)).samples;
    stack = await startUcStack();
    tokens = { '100': await login('100'), '101': await login('101') };
    (globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
    await startCaller();
  });

  /** (Re)starts the caller's user agent (100) and registers it. */
  async function startCaller(): Promise<void> {
    ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:100@${stack.kamailio.domain}`)!,
      displayName: 'Alice Martin',
      authorizationUsername: '100',
      authorizationPassword: await stack.sipPasswordOf('100'),
      transportOptions: { server: stack.kamailio.wsUrl },
      sessionDescriptionHandlerFactory: () => new PcmuMediaSession({ bindAddress: '127.0.0.1' }),
      logBuiltinEnabled: false,
    });
    await ua.start();
    const registered = new Promise<void>((resolve, reject) => {
      void new Registerer(ua).register({
        requestDelegate: { onAccept: () => resolve(), onReject: (r) => reject(new Error(r.message.reasonPhrase)) },
      });
    });
    await registered;
  }

  afterAll(async () => {
    await ua?.stop().catch(() => undefined);
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Rows of the voicemails table, all mailboxes (straight from the server's database). */
  async function storedRows(): Promise<number> {
    const { n } = await stack
      .ctx!.db.selectFrom('voicemails')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  it('records what 100 says into 101 mailbox, owner only', async () => {
    const changed: string[] = [];
    const before = Date.now();
    const result = await call(
      'vm101',
      async (media) => {
        // speak (looped) from the start; the service records only after its beep
        const loops = Math.ceil((PROMPT_MS + SPEAK_MS) / ((speech8k.length / 8000) * 1000)) + 1;
        const looped = new Int16Array(speech8k.length * loops);
        for (let i = 0; i < loops; i++) looped.set(speech8k, i * speech8k.length);
        void media.playFrames(encodeMulaw(looped));
        await new Promise((r) => setTimeout(r, PROMPT_MS + SPEAK_MS));
      },
      // the caller's own X-UC-Mailbox is dropped by Kamailio: the message still goes to 101
      { extraHeaders: ['X-UC-Mailbox: 100'] },
    );
    expect(result.rejectedWith).toBeUndefined();

    // the message is stored right after the BYE (bounded wait)
    let mine: Voicemail[] = [];
    for (let i = 0; i < 50 && mine.length === 0; i++) {
      mine = await list('101');
      if (mine.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    changed.push(...mine.map((v) => v.id));
    expect(mine).toHaveLength(1);
    const vm = mine[0]!;
    expect(vm).toMatchObject({ callerNumber: '100', callerName: 'Alice Martin', listened: false });
    expect(vm.receivedAt).toBeGreaterThanOrEqual(before);
    // recorded from the end of the beep to the BYE: about SPEAK_MS (+ the slack of PROMPT_MS)
    expect(vm.durationMs).toBeGreaterThan(SPEAK_MS - 1_000);
    expect(vm.durationMs).toBeLessThan(SPEAK_MS + 1_500);
    expect(await list('100')).toEqual([]);

    const audio = await api('101', `/voicemails/${vm.id}/audio`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const wav = decodeWav(new Uint8Array(await audio.arrayBuffer()));
    expect(wav.sampleRate).toBe(8000);
    expect(Math.abs(wav.samples.length / 8 - vm.durationMs)).toBeLessThanOrEqual(1);
    // the loudness envelope of the recording follows the looped speech
    const toFloat = (s: Int16Array) => ({ sampleRate: 8000, samples: Float32Array.from(s, (x) => x / 32768) });
    const received = rmsEnvelope(toFloat(wav.samples), 50);
    const reference = rmsEnvelope(toFloat(speech8k), 50);
    const { correlation } = bestLoopedCorrelation(received, reference);
    expect(correlation).toBeGreaterThan(0.8);

    // another account cannot see, download, change or delete it
    expect((await api('100', `/voicemails/${vm.id}/audio`)).status).toBe(404);
    const patchOther = await api('100', `/voicemails/${vm.id}`, { method: 'PATCH', body: '{"listened":true}' });
    expect(patchOther.status).toBe(404);
    expect(apiErrorSchema.parse(await patchOther.json()).error).toBe('not-found');
    expect((await api('100', `/voicemails/${vm.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api('101', '/voicemails')).status).toBe(200);
    expect((await fetch(`${stack.apiUrl}/voicemails`)).status).toBe(401);

    const patched = await api('101', `/voicemails/${vm.id}`, { method: 'PATCH', body: '{"listened":true}' });
    expect(patched.status).toBe(200);
    expect(voicemailSchema.parse(await patched.json()).listened).toBe(true);
    expect((await list('101'))[0]!.listened).toBe(true);
    const bad = await api('101', `/voicemails/${vm.id}`, { method: 'PATCH', body: '{"listened":"yes"}' });
    expect(bad.status).toBe(400);
    await api('101', `/voicemails/${vm.id}`, { method: 'PATCH', body: '{"listened":false}' });
    expect((await list('101'))[0]!.listened).toBe(false);

    expect((await api('101', `/voicemails/${vm.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await list('101')).toEqual([]);
    expect((await api('101', `/voicemails/${vm.id}/audio`)).status).toBe(404);
  });

  it('refuses an unknown mailbox with 404 and stores nothing', async () => {
    const result = await call('vm999', async () => undefined);
    expect(result.rejectedWith).toBe(404);
    expect(await list('100')).toEqual([]);
    expect(await list('101')).toEqual([]);
  });

  it('does not let the caller pick the mailbox: sip:voicemail with X-UC-Mailbox: 101 is the caller’s own', async () => {
    const rowsBefore = await storedRows();
    // the proxy drops the caller's header: sip:voicemail@ is the caller's own mailbox (issue #12), whose
    // owner hears the "no PIN yet" prompt; what the caller says meanwhile is recorded nowhere
    const result = await call('voicemail', () => new Promise((r) => setTimeout(r, PROMPT_MS + 500)), {
      extraHeaders: ['X-UC-Mailbox: 101'],
    });
    expect(result.rejectedWith).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(await storedRows()).toBe(rowsBefore);
    expect(await list('101')).toEqual([]);
  });

  it('does not store a caller of another domain as the internal number it claims', async () => {
    // no REGISTER, no credentials: a From outside our domain calling one of our mailboxes
    const spoofer = new UserAgent({
      uri: UserAgent.makeURI('sip:100@evil.example')!,
      displayName: 'Alice Martin',
      transportOptions: { server: stack.kamailio.wsUrl },
      sessionDescriptionHandlerFactory: () => new PcmuMediaSession({ bindAddress: '127.0.0.1' }),
      logBuiltinEnabled: false,
    });
    await spoofer.start();
    try {
      const result = await call(
        'vm101',
        async () => {
          await new Promise((r) => setTimeout(r, PROMPT_MS + 500));
        },
        { from: spoofer },
      );
      let mine: Voicemail[] = [];
      for (let i = 0; i < 50 && mine.length === 0 && result.rejectedWith === undefined; i++) {
        mine = await list('101');
        if (mine.length === 0) await new Promise((r) => setTimeout(r, 100));
      }
      if (result.rejectedWith === undefined) {
        // taken (Kamailio lets foreign domains call our users): stored as the URI, so "call back" dials evil.example
        expect(mine.map((v) => v.callerNumber)).toEqual(['sip:100@evil.example']);
        await api('101', `/voicemails/${mine[0]!.id}`, { method: 'DELETE' });
      } else {
        // or refused by the proxy: then nothing is stored either
        expect(mine).toEqual([]);
      }
    } finally {
      await spoofer.stop().catch(() => undefined);
    }
  });

  it('keeps no message when the caller hangs up during the greeting', async () => {
    const result = await call('vm100', async () => {
      await new Promise((r) => setTimeout(r, 800));
    });
    expect(result.rejectedWith).toBeUndefined();
    await new Promise((r) => setTimeout(r, 500));
    expect(await list('100')).toEqual([]);
  });

  it('publishes message-waiting (RFC 3842) to the mailbox owner subscribers (SPEC H6)', async () => {
    const bruno = new UserAgent({
      uri: UserAgent.makeURI(`sip:101@${stack.kamailio.domain}`)!,
      authorizationUsername: '101',
      authorizationPassword: await stack.sipPasswordOf('101'),
      transportOptions: { server: stack.kamailio.wsUrl },
      logBuiltinEnabled: false,
    });
    const bodies: string[] = [];
    await bruno.start();
    try {
      const subscriber = new Subscriber(
        bruno,
        UserAgent.makeURI(`sip:101@${stack.kamailio.domain}`)!,
        'message-summary',
        {
          expires: 600,
        },
      );
      subscriber.delegate = {
        onNotify: (notification) => {
          void notification.accept();
          bodies.push(notification.request.body ?? '');
        },
      };
      await subscriber.subscribe();
      const latest = async (pattern: RegExp): Promise<string> => {
        for (let i = 0; i < 100; i++) {
          const hit = bodies.findLast((b) => pattern.test(b));
          if (hit) return hit;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`no NOTIFY matching ${pattern}; got ${JSON.stringify(bodies)}`);
      };
      await call('vm101', async () => {
        await new Promise((r) => setTimeout(r, PROMPT_MS + 500));
      });
      const waiting = await latest(/Voice-Message: 1\/0/);
      expect(waiting).toMatch(/Messages-Waiting: yes/);
      const [vm] = await list('101');
      await api('101', `/voicemails/${vm!.id}`, { method: 'PATCH', body: '{"listened":true}' });
      expect(await latest(/Voice-Message: 0\/1/)).toMatch(/Messages-Waiting: no/);
      await api('101', `/voicemails/${vm!.id}`, { method: 'DELETE' });
      expect(await latest(/Voice-Message: 0\/0/)).toMatch(/Messages-Waiting: no/);
      await subscriber.unsubscribe().catch(() => undefined);
    } finally {
      await bruno.stop().catch(() => undefined);
    }
  });

  it('is not an account: the voicemail user cannot log in to the UC server', async () => {
    const res = await fetch(`${stack.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'voicemail', password: 'x' }),
    });
    expect(res.status).toBe(401);
  });

  it('registers again by itself after Kamailio restarted, and takes messages again', async () => {
    await ua.stop();
    await stack.kamailio.restart();
    await startCaller();
    // the service notices the lost WebSocket and reconnects with backoff (1 s, 2 s, …): bounded wait
    let rejectedWith: number | undefined = 0;
    for (let attempt = 0; attempt < 20 && rejectedWith !== undefined; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 1_000));
      ({ rejectedWith } = await call('vm100', async () => {
        await new Promise((r) => setTimeout(r, PROMPT_MS + 500));
      }));
    }
    expect(rejectedWith).toBeUndefined();
    let mine: Voicemail[] = [];
    for (let i = 0; i < 50 && mine.length === 0; i++) {
      mine = await list('100');
      if (mine.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(mine).toHaveLength(1);
    expect(mine[0]!.callerNumber).toBe('100');
  });
});
