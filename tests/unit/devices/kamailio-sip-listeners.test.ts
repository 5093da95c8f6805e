import { describe, expect, it } from 'vitest';
import { kamailioAliases, renderKamailioConfig } from '../../../server/stack/kamailio-config';

// The SIP listeners for plain devices (issue #12) and the aliases: only our own ports are "myself".

const BASE = { host: '127.0.0.1', wsPort: 18080, udpPort: 15060, dbPath: '/tmp/kam.sqlite', ctlSocket: '/tmp/ctl' };

describe('Kamailio SIP listeners and aliases', () => {
  it('listens for SIP on UDP and TCP on one port, and on TLS when a SIP TLS port is given', () => {
    const plain = renderKamailioConfig(BASE);
    expect(plain).toContain('listen=udp:127.0.0.1:15060');
    expect(plain).toContain('listen=tcp:127.0.0.1:15060');
    expect(plain).toMatch(/#!ifdef WITH_SIP_TLS\nlisten=tls:127\.0\.0\.1:15060\n#!endif/);
    expect(plain).not.toContain('#!define WITH_SIP_TLS');
    expect(plain).not.toContain('#!define WITH_TLS_MODULE');

    const tls = renderKamailioConfig({ ...BASE, sipTlsPort: 15061, tlsCfgPath: '/tmp/tls.cfg' });
    expect(tls).toContain('#!define WITH_SIP_TLS');
    expect(tls).toContain('#!define WITH_TLS_MODULE');
    expect(tls).not.toContain('#!define WITH_TLS\n');
    expect(tls).toContain('listen=tls:127.0.0.1:15061');
    expect(() => renderKamailioConfig({ ...BASE, sipTlsPort: 15061 })).toThrow(/tlsCfgPath is required/);
    expect(() => renderKamailioConfig({ ...BASE, sipTlsPort: 15060, tlsCfgPath: '/tmp/tls.cfg' })).toThrow(
      /ports must differ/,
    );
  });

  it('gives every domain name our listening ports and 5060/5061, never a port-less alias', () => {
    const aliases = kamailioAliases({ ...BASE, wssPort: 18443, sipTlsPort: 15061 }).split('\n');
    for (const name of ['127.0.0.1', 'localhost', 'uc.test']) {
      for (const port of [15060, 18080, 18443, 15061, 5060, 5061]) expect(aliases).toContain(`alias=${name}:${port}`);
    }
    expect(aliases).toHaveLength(18);
    // unquoted: Kamailio takes a quoted "host:port" for a host name
    for (const line of aliases) expect(line).toMatch(/^alias=[a-z0-9.]+:\d+$/);
    const cfg = renderKamailioConfig(BASE);
    expect(cfg).not.toMatch(/^alias=[^:\n]+$/m);
    expect(cfg).not.toMatch(/^alias="/m);
  });
});
