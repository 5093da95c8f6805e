/**
 * AppCore through dispatchInvoke with a fake SIP engine and a fake UC server:
 * calls: dialing, the call list, the journal, transfer and deflection (SPEC F).
 * (Split by domain from the former tests/unit/app/app-core.test.ts; the harness is tests/support/app-core-harness.ts.)
 */
import { describe, expect, it } from 'vitest';
import { type JournalEntry } from '../../../src-preload/contract/ipc-contract';
import { until, useAppCoreFixture } from '../../support/app-core-harness';
import { type FakeCall } from '../../support/fake-phone';

describe('AppCore', () => {
  const fx = useAppCoreFixture();
  const { invoke, eventsOf, engine, login } = fx;

  describe('calls', () => {
    it('refuses to dial when not logged in', async () => {
      const r = await invoke('calls.dial', { target: '102' });
      expect(r.ok === false && r.error.code).toBe('not-registered');
    });

    it('refuses to dial while unreachable', async () => {
      await login();
      engine().setRegistration({ status: 'unreachable' });
      const r = await invoke('calls.dial', { target: '102' });
      expect(r.ok === false && r.error.code).toBe('not-registered');
      expect(engine().dialed).toEqual([]);
    });

    it.each(['abc', '', '1', '++33', '12\n3'])(
      'refuses malformed %j with invalid-number and sends nothing',
      async (t) => {
        await login();
        const r = await invoke('calls.dial', { target: t });
        expect(r.ok === false && r.error.code).toBe('invalid-number');
        expect(engine().dialed).toEqual([]);
        expect(await invoke('dial.getRecent')).toEqual({ ok: true, value: [] });
      },
    );

    it('says why a target is refused (the same reason the Search/Dial field shows before dialing)', async () => {
      await login();
      const tooLong = await invoke('calls.dial', { target: '1'.repeat(40) });
      expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-number', details: ['too-long'] } });
      const letters = await invoke('calls.dial', { target: 'mul' });
      expect(letters).toMatchObject({ ok: false, error: { code: 'invalid-number', details: ['invalid-characters'] } });
    });

    it('dials the normalised target, remembers it, publishes the call list, journals the end', async () => {
      await login();
      fx.events.length = 0; // the login's own "the account's views changed" fx.events
      const r = await invoke('calls.dial', { target: ' 10 2 ' });
      expect(r.ok).toBe(true);
      const callId = r.ok ? (r.value as { callId: string }).callId : '';
      expect(engine().dialed).toEqual(['102']);
      expect(await invoke('dial.getRecent')).toEqual({ ok: true, value: [{ number: '102' }] });
      expect(eventsOf('calls.onDidChange').at(-1)).toEqual([
        expect.objectContaining({ id: callId, direction: 'outgoing', peer: '102', state: 'dialing' }),
      ]);
      const call = engine().getCall(callId) as FakeCall;
      fx.clock.advance(1000);
      call.remoteRinging();
      fx.clock.advance(2000);
      call.remoteAnswer();
      expect(eventsOf('calls.onDidChange').at(-1)?.[0]?.state).toBe('established');
      expect((await invoke('calls.setHold', { callId, hold: true })).ok).toBe(true);
      expect(call.held).toBe(true);
      expect((await invoke('calls.setHold', { callId, hold: false })).ok).toBe(true);
      expect((await invoke('calls.setMuted', { callId, muted: true })).ok).toBe(true);
      expect(call.muted).toBe(true);
      expect((await invoke('calls.sendDtmf', { callId, tones: '12#' })).ok).toBe(true);
      expect(call.dtmf).toEqual(['12#']);
      fx.clock.advance(5000);
      expect((await invoke('calls.hangup', { callId })).ok).toBe(true);
      const journal = await invoke('journal.list', {});
      expect(journal).toEqual({
        ok: true,
        value: [
          expect.objectContaining({
            callId,
            direction: 'outgoing',
            peer: '102',
            result: 'answered',
            reason: 'local-hangup',
            startedAt: call.startedAt,
            answeredAt: call.startedAt + 3000,
            endedAt: call.startedAt + 8000,
          }),
        ],
      });
      expect(eventsOf('journal.onDidChange')).toEqual([{}]);
    });

    it('shows the name of whom we call: the one picked in the directory, else the directory cache (issue #8)', async () => {
      await login();
      await until('events socket', () => fx.uc.eventsClients === 1);
      fx.uc.serverUpsert({
        id: 'internal:103',
        source: 'internal',
        displayName: 'Jürgen Müller',
        numbers: [{ kind: 'internal', number: '103' }],
        updatedAt: 1,
      });
      await until('in the cache', async () => (await invoke('directory.get', { id: 'internal:103' })).ok);

      // typed as a number: the directory says whose it is
      const typed = await invoke('calls.dial', { target: '103' });
      const typedId = typed.ok ? (typed.value as { callId: string }).callId : '';
      expect(eventsOf('calls.onDidChange').at(-1)).toEqual([
        expect.objectContaining({ id: typedId, peer: '103', peerName: 'Jürgen Müller' }),
      ]);
      await invoke('calls.hangup', { callId: typedId });
      // picked in a personal contact: that name
      const picked = await invoke('calls.dial', { target: '0612345678', name: 'Zoé Martin' });
      const pickedId = picked.ok ? (picked.value as { callId: string }).callId : '';
      expect((engine().getCall(pickedId) as FakeCall).toView().peerName).toBe('Zoé Martin');
      await invoke('calls.hangup', { callId: pickedId });
      // unknown: the number alone
      const unknown = await invoke('calls.dial', { target: '199' });
      const unknownId = unknown.ok ? (unknown.value as { callId: string }).callId : '';
      expect((engine().getCall(unknownId) as FakeCall).toView().peerName).toBeUndefined();
      await invoke('calls.hangup', { callId: unknownId });

      const journal = await invoke('journal.list', {});
      expect(journal.ok && (journal.value as JournalEntry[]).map((e) => [e.peer, e.peerName])).toEqual([
        ['199', undefined],
        ['0612345678', 'Zoé Martin'],
        ['103', 'Jürgen Müller'],
      ]);
      expect(await invoke('dial.getRecent')).toEqual({
        ok: true,
        value: [
          { number: '199' },
          // not in the directory: the name it was dialed with, from the journal
          { number: '0612345678', name: 'Zoé Martin' },
          { number: '103', name: 'Jürgen Müller' },
        ],
      });
      // typed again later, that number gets its name back
      const again = await invoke('calls.dial', { target: '06 12 34 56 78' });
      const againId = again.ok ? (again.value as { callId: string }).callId : '';
      expect((engine().getCall(againId) as FakeCall).toView().peerName).toBe('Zoé Martin');
    });

    it('journals a call the voicemail service answered as voicemail, one we gave up as cancelled', async () => {
      await login();
      const toMailbox = await invoke('calls.dial', { target: '102' });
      const mailboxCall = engine().getCall(toMailbox.ok ? (toMailbox.value as { callId: string }).callId : '')!;
      (mailboxCall as FakeCall).remoteAnswer(true);
      expect(eventsOf('calls.onDidChange').at(-1)?.[0]).toMatchObject({ answeredByVoicemail: true });
      await invoke('calls.hangup', { callId: mailboxCall.id });
      const givenUp = await invoke('calls.dial', { target: '103' });
      await invoke('calls.hangup', { callId: givenUp.ok ? (givenUp.value as { callId: string }).callId : '' });
      const journal = await invoke('journal.list', {});
      expect(journal.ok && (journal.value as JournalEntry[]).map((e) => [e.peer, e.result, e.reason])).toEqual([
        ['103', 'failed', 'cancelled'],
        ['102', 'answered', 'voicemail'],
      ]);
    });

    it('keeps an ended call in the list for the linger time, then drops it', async () => {
      await login();
      const r = await invoke('calls.dial', { target: '199' });
      const callId = r.ok ? (r.value as { callId: string }).callId : '';
      (engine().getCall(callId) as FakeCall).end('not-found');
      const list = await invoke('calls.list');
      expect(list.ok && list.value).toEqual([
        expect.objectContaining({ id: callId, state: 'terminated', endReason: 'not-found' }),
      ]);
      fx.clock.advance(2999);
      expect(await invoke('calls.list')).toMatchObject({ ok: true, value: [{ id: callId }] });
      fx.clock.advance(1);
      expect(await invoke('calls.list')).toEqual({ ok: true, value: [] });
      expect(eventsOf('calls.onDidChange').at(-1)).toEqual([]);
      const j = await invoke('journal.list', { limit: 5 });
      expect(j.ok && j.value).toEqual([expect.objectContaining({ result: 'failed', reason: 'not-found' })]);
      // A lingering call cannot be acted on any more.
      expect((await invoke('calls.hangup', { callId })).ok).toBe(false);
    });

    it('rings for an incoming call and journals a rejection', async () => {
      await login();
      const call = engine().incoming('100', 'Alice Martin');
      expect(fx.media.requests).toContainEqual({ method: 'setRinging', params: { ringing: true } });
      expect(eventsOf('calls.onDidChange').at(-1)).toEqual([
        expect.objectContaining({
          id: call.id,
          direction: 'incoming',
          peer: '100',
          peerName: 'Alice Martin',
          state: 'ringing-in',
        }),
      ]);
      expect((await invoke('calls.reject', { callId: call.id })).ok).toBe(true);
      expect(fx.media.requests.at(-1)).toEqual({ method: 'setRinging', params: { ringing: false } });
      const j = await invoke('journal.list', {});
      expect(j.ok && j.value).toEqual([
        expect.objectContaining({ direction: 'incoming', peer: '100', peerName: 'Alice Martin', result: 'rejected' }),
      ]);
    });

    it('journals a missed call when the caller gives up', async () => {
      await login();
      const call = engine().incoming('103');
      call.end('cancelled');
      const j = await invoke('journal.list', {});
      expect(j.ok && j.value).toEqual([expect.objectContaining({ result: 'missed', reason: 'cancelled' })]);
    });

    it('answers an incoming call', async () => {
      await login();
      const call = engine().incoming('100');
      expect((await invoke('calls.answer', { callId: call.id })).ok).toBe(true);
      expect(call.state).toBe('established');
      expect(fx.media.requests.at(-1)).toEqual({ method: 'setRinging', params: { ringing: false } });
    });

    it('maps unknown ids to unknown-call and wrong states to invalid-state', async () => {
      await login();
      expect(await invoke('calls.hangup', { callId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'unknown-call' },
      });
      const call = engine().incoming('100');
      expect(await invoke('calls.sendDtmf', { callId: call.id, tones: '1' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-state' },
      });
      expect(call.state).toBe('ringing-in');
    });

    it('deflects a ringing call to a number (302 target in the SIP domain), journaled as deflected, not missed', async () => {
      await login();
      const call = engine().incoming('100');
      expect(await invoke('calls.transfer', { callId: call.id, target: '++12' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-number' },
      });
      expect(call.state).toBe('ringing-in');
      expect((await invoke('calls.transfer', { callId: call.id, target: '102' })).ok).toBe(true);
      expect(call.sentTo).toEqual({ how: 'deflect', uri: 'sip:102@127.0.0.1' });
      const j = await invoke('journal.list', {});
      expect(j.ok && j.value).toEqual([expect.objectContaining({ result: 'rejected', reason: 'deflected' })]);
      const counters = await invoke('counters.get', {});
      expect(counters.ok && counters.value).toMatchObject({ missedCalls: 0 });
    });

    it('blind-transfers an answered call (REFER target) and deflects to the own mailbox vm<extension>', async () => {
      await login();
      const answered = engine().incoming('100');
      await invoke('calls.answer', { callId: answered.id });
      expect((await invoke('calls.transfer', { callId: answered.id, target: 'sip:103@127.0.0.1' })).ok).toBe(true);
      expect(answered.sentTo).toEqual({ how: 'transfer', uri: 'sip:103@127.0.0.1' });

      const ringing = engine().incoming('100');
      expect((await invoke('calls.deflectToVoicemail', { callId: ringing.id })).ok).toBe(true);
      expect(ringing.sentTo).toEqual({ how: 'deflect', uri: 'sip:vm101@127.0.0.1' });
      // only a ringing call goes to voicemail
      const other = engine().incoming('100');
      await invoke('calls.answer', { callId: other.id });
      expect(await invoke('calls.deflectToVoicemail', { callId: other.id })).toMatchObject({
        ok: false,
        error: { code: 'invalid-state' },
      });
    });

    it('attended transfer connects the parties of two answered calls; both end as transferred', async () => {
      await login();
      const first = engine().incoming('100');
      await invoke('calls.answer', { callId: first.id });
      await invoke('calls.setHold', { callId: first.id, hold: true });
      const dialed = await invoke('calls.dial', { target: '102' });
      const consult = engine().getCall((dialed.ok && (dialed.value as { callId: string }).callId) || '') as FakeCall;
      expect(await invoke('calls.transferToCall', { callId: first.id, targetCallId: consult.id })).toMatchObject({
        ok: false,
        error: { code: 'invalid-state' },
      });
      consult.remoteAnswer();
      expect(await invoke('calls.transferToCall', { callId: first.id, targetCallId: first.id })).toMatchObject({
        ok: false,
        error: { code: 'unknown-call' },
      });
      expect((await invoke('calls.transferToCall', { callId: first.id, targetCallId: consult.id })).ok).toBe(true);
      expect(first.sentTo).toEqual({ how: 'connect', callId: consult.id });
      expect([first.endReason, consult.endReason]).toEqual(['transferred', 'transferred']);
    });

    it('the popup Transfer button asks the main window to show and open the transfer dialog', async () => {
      const shown: string[] = [];
      fx.core.setWindowController((command) => shown.push(command));
      await login();
      const call = engine().incoming('100');
      expect((await invoke('calls.openTransfer', { callId: call.id })).ok).toBe(true);
      expect(shown).toEqual(['show']);
      expect(eventsOf('calls.onDidRequestTransfer')).toEqual([{ callId: call.id }]);
      expect(await invoke('calls.openTransfer', { callId: 'gone' })).toMatchObject({
        ok: false,
        error: { code: 'unknown-call' },
      });
    });

    it('journals calls still running at logout', async () => {
      await login();
      const r = await invoke('calls.dial', { target: '102' });
      expect(r.ok).toBe(true);
      await invoke('session.logout');
      // logged out: the account's journal is closed, nothing shows…
      expect(await invoke('journal.list', {})).toEqual({ ok: true, value: [] });
      // …and the call is in it when the user is back
      await login();
      const j = await invoke('journal.list', {});
      expect(j.ok && j.value).toEqual([
        expect.objectContaining({ peer: '102', result: 'failed', reason: 'cancelled' }),
      ]);
    });
  });
});
