/**
 * The pieces of the rtpengine tooling that need no process (issue #12): the ng protocol's bencode,
 * the RTP port ranges parallel test files reserve, and the Kamailio config with the media relay on.
 */
import { describe, expect, it } from 'vitest';
import { bdecode, bencode } from '../../../server/stack/rtpengine-ng';
import { RTP_PORT_BLOCK, RTP_PORT_POOL, reserveRtpPortRange } from '../../../server/stack/rtp-port-range';
import { renderKamailioConfig } from '../../../server/stack/kamailio-config';

describe('bencode (rtpengine ng protocol)', () => {
  it('encodes dictionaries with sorted keys, strings by byte length, integers and lists', () => {
    expect(bencode({ command: 'ping' }).toString()).toBe('d7:command4:pinge');
    expect(bencode({ z: 1, a: ['x', 2], 'call-id': 'é' }).toString()).toBe('d1:al1:xi2ee7:call-id2:é1:zi1ee');
  });

  it('decodes what it encodes, and the answers rtpengine sends', () => {
    const value = { result: 'ok', calls: ['a', 'b'], totals: { RTP: { packets: 12 } } };
    expect(bdecode(bencode(value))).toEqual(value);
    expect(bdecode(Buffer.from('d6:result4:ponge'))).toEqual({ result: 'pong' });
  });

  it('refuses malformed input instead of guessing', () => {
    for (const bad of ['d6:result4:pong', 'i12', '5:abc', 'di1ei2ee', 'd1:ai1ee trailing']) {
      expect(() => bdecode(Buffer.from(bad))).toThrow(/bdecode/);
    }
  });
});

describe('RTP port ranges', () => {
  it('gives two instances disjoint ranges inside the pool, and a released range back', () => {
    const a = reserveRtpPortRange(200);
    const b = reserveRtpPortRange(200);
    try {
      for (const r of [a, b]) {
        expect(r.min % RTP_PORT_BLOCK).toBe(0);
        expect(r.max - r.min + 1).toBe(200);
        expect(r.min).toBeGreaterThanOrEqual(RTP_PORT_POOL.min);
        expect(r.max).toBeLessThanOrEqual(RTP_PORT_POOL.max);
      }
      expect(a.max < b.min || b.max < a.min).toBe(true);
      // the preferred start is taken: another one is chosen
      const c = reserveRtpPortRange(100, a.min);
      expect(c.min < a.min || c.min > a.max).toBe(true);
      c.release();
    } finally {
      a.release();
      b.release();
    }
    const again = reserveRtpPortRange(200, a.min);
    expect(again.min).toBe(a.min);
    again.release();
    again.release();
  });

  it('refuses sizes that are not whole blocks', () => {
    expect(() => reserveRtpPortRange(150)).toThrow(/multiple of 100/);
    expect(() => reserveRtpPortRange(0)).toThrow(/multiple of 100/);
  });
});

describe('Kamailio config with the media relay', () => {
  const base = { host: '127.0.0.1', wsPort: 1000, udpPort: 1001, dbPath: '/tmp/k.sqlite', ctlSocket: '/tmp/ctl' };

  it('turns WITH_RTPENGINE on with the ng socket, and leaves it off without one', () => {
    const on = renderKamailioConfig({ ...base, rtpengineSocket: 'udp:127.0.0.1:2345' });
    expect(on).toContain('#!define WITH_RTPENGINE');
    expect(on).toContain('modparam("rtpengine", "rtpengine_sock", "udp:127.0.0.1:2345")');
    const off = renderKamailioConfig(base);
    expect(off).not.toContain('#!define WITH_RTPENGINE');
  });

  it('refuses an ng socket that is not udp:IP:PORT', () => {
    for (const bad of ['127.0.0.1:2345', 'udp:127.0.0.1', 'udp:host";x:1']) {
      expect(() => renderKamailioConfig({ ...base, rtpengineSocket: bad })).toThrow(/rtpengineSocket/);
    }
  });
});
