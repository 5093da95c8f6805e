/**
 * The voicemail service never drops out silently (issue #8): its registration
 * is watched like the app's (keep-alive, reg event, jittered retries), and
 * GET /api/v1/health says when it is not registered and why. A REGISTER the
 * registrar refuses is an error in the log and in the health endpoint.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSubscriber } from '../../../server/src/features/accounts/kamailio-subscriber';
import type { AgentHealth } from '../../../server/src/platform/agent-health';
import { waitFor } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

interface HealthBody {
  status: 'ok' | 'degraded';
  agents?: AgentHealth[];
}

describe('voicemail service health', () => {
  let stack: UcStack;
  let token: string;
  const logged: Array<{ level: string; message: string }> = [];

  const health = async (auth = true): Promise<{ code: number; body: HealthBody }> => {
    const res = await fetch(`${stack.apiUrl}/health`, auth ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { code: res.status, body: (await res.json()) as HealthBody };
  };
  const voicemailHealth = async (): Promise<AgentHealth | undefined> =>
    (await health()).body.agents?.find((a) => a.name === 'voicemail');
  /** Polls GET /health until `done` holds for a reply; returns that reply. */
  const healthWhen = async (
    what: string,
    done: (reply: { code: number; body: HealthBody }) => boolean,
    timeoutMs: number,
  ): Promise<{ code: number; body: HealthBody }> => {
    let seen: { code: number; body: HealthBody } | undefined;
    await waitFor(
      what,
      () => {
        void health().then((h) => (seen = h));
        return seen !== undefined && done(seen);
      },
      timeoutMs,
      200,
    );
    return seen!;
  };

  beforeAll(async () => {
    stack = await startUcStack({
      voicemail: {
        keepAlive: { intervalMs: 1_000, timeoutMs: 1_000 },
        backoff: { baseMs: 100, capMs: 500, minMs: 50 },
        logger: (level, message) => logged.push({ level, message }),
      },
    });
    token = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('is ok while the service is registered; anonymous callers learn the status only', async () => {
    expect(await health()).toMatchObject({ code: 200, body: { status: 'ok' } });
    expect((await voicemailHealth())?.status).toBe('registered');
    const anonymous = await health(false);
    expect(anonymous).toEqual({ code: 200, body: { status: 'ok' } });
    const bad = await fetch(`${stack.apiUrl}/health`, { headers: { authorization: 'Bearer nonsense' } });
    expect(bad.status).toBe(401);
  });

  it('turns degraded within seconds when the binding is removed, and ok again once re-registered', async () => {
    const before = (await voicemailHealth())!.counters.bindingLosses;
    execFileSync('kamcmd', ['-s', `unix:${stack.kamailio.process.ctlSocket}`, 'ul.rm', 'location', 's:voicemail']);
    // the reg event tells the agent at once; it registers again right after
    await waitFor(
      'binding loss counted',
      () => logged.some((l) => /no longer lists our contact|reports our contact/.test(l.message)),
      5_000,
    );
    await waitFor(
      'registered again',
      () => stack.kamailio.process !== undefined && logged.at(-1)?.message === 'voicemail: registered',
      5_000,
    );
    const after = await voicemailHealth();
    expect(after?.status).toBe('registered');
    expect(after?.counters.bindingLosses).toBe(before + 1);
  });

  it('says degraded (connection-lost) while Kamailio is down, and recovers by itself', async () => {
    await stack.kamailio.kill();
    const seen = await healthWhen('health degraded', (h) => h.code === 503, 5_000);
    const down = seen.body.agents!.find((a) => a.name === 'voicemail')!;
    expect(down.status).toBe('unreachable');
    expect(['connection-lost', 'keep-alive-timeout', 'server-unreachable']).toContain(down.issue);
    await stack.kamailio.restart();
    await healthWhen('health ok again', (h) => h.code === 200, 10_000);
  });

  it('a REGISTER refused by the registrar is an error in the log and auth-failed in the health endpoint', async () => {
    // the service's SIP credentials change behind its back (an administrator's mistake) and its
    // binding is removed: it must say so loudly, not retry in silence nor pretend to be fine
    await upsertSubscriber(stack.ctx!.db, 'voicemail', '127.0.0.1', 'not-what-the-agent-uses');
    execFileSync('kamcmd', ['-s', `unix:${stack.kamailio.process.ctlSocket}`, 'ul.rm', 'location', 's:voicemail']);
    const seen = await healthWhen(
      'health reports the refusal',
      (h) => h.body.agents?.find((a) => a.name === 'voicemail')?.status === 'auth-failed',
      8_000,
    );
    expect(seen.code).toBe(503);
    expect(seen.body.agents!.find((a) => a.name === 'voicemail')).toMatchObject({ issue: 'credentials-refused' });
    expect(logged.some((l) => l.level === 'error' && /REGISTER refused|credentials refused/.test(l.message))).toBe(
      true,
    );
  });
});
