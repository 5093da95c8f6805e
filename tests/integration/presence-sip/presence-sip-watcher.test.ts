/**
 * Presence for plain SIP clients (issue #11 item 3), seen by a raw SIP
 * watcher (SipWsProbe: SUBSCRIBE with digest, every NOTIFY recorded) against
 * the real UC server + Kamailio: the exact PIDF/RPID a desk phone gets —
 * basic, RFC 4480 activity with `until`, the note (XML-escaped) —, "not
 * visible" taking everything away from an existing watcher at once and
 * refusing new ones, the B6 return to office, a device's own presence PUBLISH
 * refused, and everyone published again after Kamailio restarts.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SipWsProbe, sipHeader, type SipMessage } from '../../../server/stack/sip-ws-probe';
import { loginAccessToken } from '../../support/login-access-token';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

interface SeenPresence {
  basic: string | undefined;
  activities: string[];
  until: string | undefined;
  note: string | undefined;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });

/** What a PIDF body says (namespace prefixes dropped, as a client reads it). */
function seen(body: string): SeenPresence {
  const doc = parser.parse(body) as {
    presence?: {
      tuple?: { status?: { basic?: string } };
      person?: { activities?: Record<string, unknown>; note?: string | { '#text': string } };
    };
  };
  const activities = doc.presence?.person?.activities ?? {};
  const note = doc.presence?.person?.note;
  return {
    basic: doc.presence?.tuple?.status?.basic,
    activities: Object.keys(activities).filter((k) => !k.startsWith('@_')),
    until: activities['@_until'] as string | undefined,
    note: typeof note === 'object' ? note['#text'] : note,
  };
}

describe('presence published for plain SIP watchers (PIDF/RPID)', () => {
  let stack: UcStack;
  const probes: SipWsProbe[] = [];
  let alice: string;
  const notifies = (probe: SipWsProbe): SipMessage[] =>
    probe.received.filter((m) => m.method === 'NOTIFY' && sipHeader(m, 'event')?.startsWith('presence'));
  /** The first NOTIFY after `from` whose body satisfies `predicate`. */
  const nextNotify = async (
    probe: SipWsProbe,
    from: number,
    predicate: (p: SeenPresence, body: string) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<{ presence: SeenPresence; body: string }> => {
    let found: SipMessage | undefined;
    await until(
      what,
      () => {
        found = notifies(probe)
          .slice(from)
          .find((m) => m.body.trim() !== '' && predicate(seen(m.body), m.body));
        return found !== undefined;
      },
      timeoutMs,
    );
    return { presence: seen(found!.body), body: found!.body };
  };
  const watcher = async (_user: string): Promise<SipWsProbe> => {
    const probe = await SipWsProbe.connect(stack.kamailio.wsUrl, stack.kamailio.domain);
    probes.push(probe);
    return probe;
  };
  const subscribe = async (probe: SipWsProbe, user: string, target: string): Promise<SipMessage> =>
    probe.request({
      method: 'SUBSCRIBE',
      fromUser: user,
      toUser: target,
      extraHeaders: ['Event: presence', 'Accept: application/pidf+xml', 'Expires: 600'],
      credentials: { username: user, password: await stack.sipPasswordOf(user) },
    });
  const setPresence = async (body: Record<string, unknown>): Promise<void> => {
    const res = await fetch(`${stack.apiUrl}/me/presence`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    stack = await startUcStack({ withVoicemail: false });
    alice = await loginAccessToken(stack.apiUrl, '100', stack.users.find((u) => u.number === '100')!.password);
  });

  afterAll(async () => {
    for (const probe of probes) await probe.close();
    await stack?.stop();
  });

  it('a watcher sees the state, the return time and the note exactly; "not visible" takes them away at once', async () => {
    const bruno = await watcher('101');
    expect([200, 202]).toContain((await subscribe(bruno, '101', '100')).status);
    // published at server start: available, nothing more
    const initial = await nextNotify(bruno, 0, (p) => p.basic === 'open', 'the initial presence of 100');
    expect(initial.presence).toEqual({ basic: 'open', activities: [], until: undefined, note: undefined });

    const note = 'Budget <Q3> & "Ops" – back at 3';
    const returnAt = Date.now() + 2 * 3600_000;
    let from = notifies(bruno).length;
    await setPresence({ state: 'meeting', note, returnAt });
    const meeting = await nextNotify(bruno, from, (p) => p.activities.includes('meeting'), 'the meeting NOTIFY');
    expect(meeting.presence).toEqual({
      basic: 'open',
      activities: ['meeting'],
      until: new Date(returnAt).toISOString(),
      note,
    });
    // escaped on the wire, not injected as markup
    expect(meeting.body).not.toContain('<Q3>');
    expect(meeting.body).toContain('&lt;Q3&gt;');

    from = notifies(bruno).length;
    await setPresence({ state: 'dnd', note: 'interviewing a candidate', visibility: 'none' });
    const hidden = await nextNotify(bruno, from, () => true, 'the NOTIFY after "not visible"');
    expect(hidden.presence).toEqual({ basic: 'closed', activities: [], until: undefined, note: undefined });
    expect(hidden.body).not.toContain('interviewing');
    expect(hidden.body).not.toMatch(/person|activities|note/);

    // a new watcher is refused while hidden (route[WATCH_POLICY])
    const carla = await watcher('102');
    const refused = await subscribe(carla, '102', '100');
    expect(refused.status).toBe(403);
    expect(refused.reason).toBe('Not Visible');

    // visible again: the same watcher gets the state back
    from = notifies(bruno).length;
    await setPresence({ state: 'lunch', visibility: 'internal' });
    const lunch = await nextNotify(bruno, from, (p) => p.activities.includes('meal'), 'the lunch NOTIFY');
    expect(lunch.presence).toEqual({ basic: 'open', activities: ['meal'], until: undefined, note: undefined });
  });

  it('do not disturb is busy; the return time passing (B6) publishes office', async () => {
    const bruno = await watcher('101');
    expect([200, 202]).toContain((await subscribe(bruno, '101', '100')).status);
    let from = notifies(bruno).length;
    await setPresence({ state: 'dnd', visibility: 'all' });
    const dnd = await nextNotify(bruno, from, (p) => p.activities.includes('busy'), 'the dnd NOTIFY');
    expect(dnd.presence.basic).toBe('closed');

    from = notifies(bruno).length;
    await setPresence({ state: 'break', returnAt: Date.now() + 1_500 });
    await nextNotify(bruno, from, (p) => p.activities.includes('away'), 'the break NOTIFY');
    from = notifies(bruno).length;
    const back = await nextNotify(bruno, from, (p) => p.activities.length === 0, 'office after the return time');
    expect(back.presence).toEqual({ basic: 'open', activities: [], until: undefined, note: undefined });
  });

  it("a device's own presence PUBLISH is refused: the UC server owns the user's presence", async () => {
    const device = await watcher('100');
    const publish = await device.request({
      method: 'PUBLISH',
      fromUser: '100',
      toUser: '100',
      extraHeaders: ['Event: presence', 'Expires: 600'],
      contentType: 'application/pidf+xml',
      body: '<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:100@127.0.0.1"><tuple id="x"><status><basic>open</basic></status></tuple><unclosed>',
      credentials: { username: '100', password: await stack.sipPasswordOf('100') },
    });
    expect(publish.status).toBe(403);
    expect(publish.reason).toBe('Presence Is Set Through The UC Server');
  });

  /** Subscribes `user` to 100 once Kamailio answers again (phones re-subscribe after a restart the same way). */
  const resubscribe = async (user: string): Promise<SipWsProbe> => {
    let probe: SipWsProbe | undefined;
    await until(
      'Kamailio back',
      async () => {
        probe = await watcher(user).catch(() => undefined);
        if (!probe) return false;
        const answer = await subscribe(probe, user, '100').catch(() => undefined);
        return answer?.status === 200 || answer?.status === 202;
      },
      15_000,
    );
    return probe!;
  };

  it('after a Kamailio restart (publications lost) every presence is published again', async () => {
    await setPresence({ state: 'vacation', note: 'Lisbon', returnAt: Date.now() + 7 * 24 * 3600_000 });
    const before = await watcher('101');
    expect([200, 202]).toContain((await subscribe(before, '101', '100')).status);
    // published before the restart: only the restart detection (core.uptime) can bring it back
    await nextNotify(before, 0, (p) => p.activities.includes('vacation'), 'vacation before the restart');
    await stack.kamailio.restart();
    const after = await resubscribe('101');
    const again = await nextNotify(
      after,
      0,
      (p) => p.activities.includes('vacation'),
      'the vacation republished after the restart',
      30_000,
    );
    expect(again.presence.note).toBe('Lisbon');
  });

  it('a change while Kamailio is down is stored and answered at once, and published when it is back', async () => {
    await stack.kamailio.kill();
    const started = Date.now();
    await setPresence({ state: 'home', note: 'see you tomorrow' });
    // the API does not wait for SIP (no timing assertion: it answered while Kamailio was dead)
    expect(Date.now() - started).toBeLessThan(30_000);
    await stack.kamailio.restart();
    const bruno = await resubscribe('101');
    const home = await nextNotify(
      bruno,
      0,
      (p) => p.note === 'see you tomorrow',
      'the change made during the outage',
      40_000,
    );
    expect(home.presence.activities).toEqual(['away']);
  });
});
