import { describe, expect, it } from 'vitest';
import {
  LINK_REQUEST_TTL_MS,
  LinkRequests,
  MAX_LINK_REQUESTS,
} from '../../../../src-main/core/features/desktop/links/link-requests';
import { ManualClock } from '../../../support/manual-clock';

const link = (number: string) => ({ number, display: number, scheme: 'tel' });

describe('LinkRequests', () => {
  it('gives each request an id; take returns it once', () => {
    let i = 0;
    const requests = new LinkRequests(new ManualClock(), LINK_REQUEST_TTL_MS, () => `r${++i}`);
    expect(requests.add(link('+331'))).toEqual({ requestId: 'r1', number: '+331', display: '+331', scheme: 'tel' });
    requests.add(link('+332'));
    expect(requests.list().map((r) => r.requestId)).toEqual(['r1', 'r2']);
    expect(requests.take('r1')).toMatchObject({ number: '+331' });
    expect(requests.list().map((r) => r.requestId)).toEqual(['r2']);
    expect(requests.take('r1')).toBeUndefined();
    expect(requests.take('nope')).toBeUndefined();
  });

  it('expires after 60 s', () => {
    const clock = new ManualClock();
    const requests = new LinkRequests(clock);
    const r = requests.add(link('+331'));
    clock.advance(LINK_REQUEST_TTL_MS - 1);
    expect(requests.size).toBe(1);
    clock.advance(1);
    expect(requests.take(r.requestId)).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it('keeps at most MAX_LINK_REQUESTS (oldest dropped, its timer too); dispose clears all', () => {
    const clock = new ManualClock();
    const requests = new LinkRequests(clock);
    const ids = Array.from({ length: MAX_LINK_REQUESTS + 2 }, (_, k) => requests.add(link(`+33${k}`)).requestId);
    expect(requests.size).toBe(MAX_LINK_REQUESTS);
    expect(clock.pending).toBe(MAX_LINK_REQUESTS);
    expect(requests.take(ids[0]!)).toBeUndefined();
    expect(requests.take(ids.at(-1)!)).toBeDefined();
    requests.dispose();
    expect(requests.size).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
