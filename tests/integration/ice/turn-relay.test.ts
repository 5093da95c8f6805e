/**
 * TURN through coturn (SPEC F5, issue #15), every part real: coturn (Debian, `use-auth-secret`,
 * bound to 127.0.0.1), the UC server minting per-user short-lived TURN REST credentials (login
 * provisioning and GET /me/ice-servers), Kamailio, and an AppCore whose werift media host may use
 * relayed candidates only (iceTransportPolicy 'relay'): its call carries audio both ways, and
 * coturn's log shows the allocation under that user's credentials. Credentials minted with another
 * secret are refused by coturn (no relay, the allocation fails).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView, SessionState } from '../../../src-preload/contract/ipc-contract';
import { iceServersResponseSchema } from '../../../src-preload/contract/calls/ice-http';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CoturnProcess } from '../../../server/stack/coturn-process';
import { turnRestCredentials } from '../../../server/src/features/ice';
import type { KamailioFixture } from '../../support/kamailio-fixture';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { allocate } from '../../support/turn-allocate';
import { WeriftMediaHost } from '../../support/werift-media-host';

describe('TURN relay through coturn with the UC server’s credentials', () => {
  const secret = randomBytes(24).toString('hex');
  let runDir: string;
  let coturn: CoturnProcess;
  let stack: UcStack;
  let media: WeriftMediaHost;
  let core: AppCore;
  let bob: TestPhone;
  const incoming: Call[] = [];

  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), 'sb-coturn-'));
    coturn = new CoturnProcess({ runDir, secret, verbose: true });
    await coturn.start();
    stack = await startUcStack({
      withVoicemail: false,
      config: { turn: { urls: [coturn.turnUrl], secret, ttlS: 600 } },
    });
    media = new WeriftMediaHost({ iceTransportPolicy: 'relay' });
    core = composeAppCore({ dataDir: ':memory:', mediaHost: media });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    bob = createPhone(sip as unknown as KamailioFixture, '101');
    bob.engine.onDidReceiveCall((c) => incoming.push(c));
    expect((await bob.engine.start()).status).toBe('registered');
  }, 60_000);

  afterAll(async () => {
    await core?.dispose();
    await media?.dispose();
    await bob?.dispose();
    await stack?.stop();
    await coturn?.stop();
    if (runDir && !process.env.SB_KEEP) rmSync(runDir, { recursive: true, force: true });
  });

  it('GET /me/ice-servers: authenticated, each user their own short-lived credentials', async () => {
    const anonymous = await fetch(`${stack.apiUrl}/me/ice-servers`);
    expect(anonymous.status).toBe(401);
    const get = async (user: string) => {
      const password = stack.users.find((u) => u.number === user)!.password;
      const token = await loginAccessToken(stack.apiUrl, user, password);
      const res = await fetch(`${stack.apiUrl}/me/ice-servers`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return iceServersResponseSchema.parse(await res.json());
    };
    const before = Date.now();
    const alice = await get('100');
    const bruno = await get('101');
    const turnOf = (r: typeof alice) => r.iceServers.find((s) => String(s.urls).includes('turn:'))!;
    expect(turnOf(alice).username).toMatch(/^\d+:100$/);
    expect(turnOf(bruno).username).toMatch(/^\d+:101$/);
    expect(turnOf(alice).credential).not.toBe(turnOf(bruno).credential);
    // valid for the configured 600 s, not a static password
    expect(alice.expiresAt! - before).toBeGreaterThan(590_000);
    expect(alice.expiresAt! - before).toBeLessThan(610_000);
  });

  it('a relay-only media host calls through coturn with the provisioned credentials: audio both ways', async () => {
    const alice = stack.users.find((u) => u.number === '100')!;
    const login = await dispatchInvoke(core, 'session.login', {
      server: stack.serverAddress,
      user: '100',
      password: alice.password,
    });
    expect(login.ok && (login.value as SessionState).status).toBe('registered');
    const dialed = await dispatchInvoke(core, 'calls.dial', { target: '101' });
    expect(dialed.ok).toBe(true);
    await waitFor('call at Bruno', () => incoming.length === 1, 15_000);
    const atBob = incoming[0]!;
    await atBob.answer();
    await waitFor(
      'Alice audio at Bruno (relayed)',
      () => (bob.media.stats(atBob.mediaSessionId!)?.rxAudioPackets ?? 0) > 50,
      20_000,
    );
    const views = await dispatchInvoke(core, 'calls.list', {});
    const call = (views.ok ? (views.value as CallView[]) : [])[0]!;
    expect(call.state).toBe('established');
    const aliceSession = media.openSessionIds()[0]!;
    await waitFor(
      'Bruno audio at Alice (relayed)',
      () => (media.stats(aliceSession)?.rxAudioPackets ?? 0) > 50,
      10_000,
    );
    // coturn allocated a relay for Alice's per-user credentials
    await waitFor(
      'coturn logged the allocation',
      () => /user <\d+:100>.*ALLOCATE processed, success/.test(coturn.sessionLog()),
      5_000,
    );
    await dispatchInvoke(core, 'calls.hangup', { callId: call.id });
    await waitFor('call ended at Bruno', () => atBob.state === 'terminated', 10_000);
  });

  it('coturn refuses credentials minted with another secret', async () => {
    const forged = turnRestCredentials('not-the-shared-secret-at-all', '102', Date.now(), 600);
    const outcome = await allocate(coturn.host, coturn.port, forged.username, forged.credential, 'switchboard');
    expect(outcome).toEqual({ ok: false, status: 401 });
    const good = turnRestCredentials(secret, '102', Date.now(), 600);
    expect(await allocate(coturn.host, coturn.port, good.username, good.credential, 'switchboard')).toEqual({
      ok: true,
    });
  });
});
