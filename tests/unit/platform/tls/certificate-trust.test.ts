/**
 * Issue 10 / SPEC A1 at the seam: the session's CertificateTrust against a
 * real local HTTPS server (a fresh self-signed certificate nobody trusts, and
 * the test certificate the test processes trust as a CA), the loopback rule
 * for cleartext, and the server's refusal to provision cleartext SIP.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../../src-preload/contract/platform/loopback-host';
import {
  CertificateTrust,
  CertificateTrustError,
  CleartextRefusedError,
  normalizeFingerprint,
} from '../../../../src-main/core/platform/tls/certificate-trust';
import { CertificatePins } from '../../../../src-main/core/platform/tls/certificate-pins';
import { MemoryPreferences } from '../../../../src-main/core/platform/preferences/device-preferences';
import { resolveServerConfig } from '../../../../server/src/platform/config';
import { certificateFingerprint } from '../../../../server/src/platform/tls/self-signed-certificate';
import { freshSelfSignedCert, testTls } from '../../../support/test-tls';

async function listen(certPath: string, keyPath: string): Promise<{ server: Server; url: string }> {
  const server = createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath) }, (_req, res) => {
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function refusal(promise: Promise<unknown>): Promise<CertificateTrustError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  let current = err;
  while (current instanceof Error && !(current instanceof CertificateTrustError)) current = current.cause;
  if (!(current instanceof CertificateTrustError))
    throw new Error(`expected a certificate refusal, got ${String(err)}`);
  return current;
}

describe('CertificateTrust (SPEC A1)', () => {
  const untrustedCert = freshSelfSignedCert();
  const fingerprint = certificateFingerprint(untrustedCert.certPath);
  let untrusted: { server: Server; url: string };
  let trusted: { server: Server; url: string };

  beforeAll(async () => {
    untrusted = await listen(untrustedCert.certPath, untrustedCert.keyPath);
    const shared = testTls();
    trusted = await listen(shared.certPath, shared.keyPath);
  });
  afterAll(() => {
    untrusted?.server.close();
    trusted?.server.close();
  });

  it('accepts a certificate the machine trusts (CA + name), with no pin', async () => {
    const trust = new CertificateTrust(undefined);
    expect(await (await trust.fetch(trusted.url, {})).text()).toBe('ok');
    await trust.dispose();
  });

  it('refuses an untrusted certificate before the request, with its SHA-256 fingerprint', async () => {
    let requests = 0;
    untrusted.server.once('request', () => requests++);
    const trust = new CertificateTrust(undefined);
    const err = await refusal(trust.fetch(`${untrusted.url}secret?token=x`, { method: 'POST', body: 'password' }));
    expect(err).toMatchObject({ problem: 'untrusted', host: '127.0.0.1', fingerprint });
    expect(requests).toBe(0);
    await trust.dispose();
  });

  it('accepts the pinned certificate on its host, refuses another one there as changed', async () => {
    const pinned = new CertificateTrust({ host: '127.0.0.1', fingerprint });
    expect(await (await pinned.fetch(untrusted.url, {})).text()).toBe('ok');
    await pinned.dispose();
    const other = normalizeFingerprint('AA'.repeat(32))!;
    const wrong = new CertificateTrust({ host: '127.0.0.1', fingerprint: other });
    const err = await refusal(wrong.fetch(untrusted.url, {}));
    expect(err).toMatchObject({ problem: 'changed', fingerprint, pinned: other });
    await wrong.dispose();
  });

  it('a pin is for its host only', async () => {
    const trust = new CertificateTrust({ host: 'uc.example.com', fingerprint });
    expect(await refusal(trust.fetch(untrusted.url, {}))).toMatchObject({ problem: 'untrusted' });
    await trust.dispose();
  });

  it('refuses http:// and ws:// to the network before connecting; the loopback may use them', async () => {
    const trust = new CertificateTrust(undefined);
    await expect(trust.fetch('http://192.0.2.1:8802/api/v1/auth/login', {})).rejects.toBeInstanceOf(
      CleartextRefusedError,
    );
    expect(() => trust.webSocketOptions('ws://uc.example.com:8080')).toThrow(CleartextRefusedError);
    expect(trust.webSocketOptions('ws://127.0.0.1:8080')).toEqual({});
    expect(trust.webSocketOptions('wss://uc.example.com:8443')).toHaveProperty('createConnection');
    await trust.dispose();
  });

  it('loopback is 127.0.0.0/8, ::1 and localhost only', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', '::1', '[::1]', 'localhost', 'LOCALHOST', 'a.localhost']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['128.0.0.1', '127.0.0.256', '10.0.0.1', '::2', 'localhost.example.com', 'uc.example.com']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('CertificatePins', () => {
  it('keeps one fingerprint per server and ignores damaged entries', () => {
    const prefs = new MemoryPreferences({ 'internal.certificatePins': { 'https://a:8802': 'nope' } });
    const pins = new CertificatePins(prefs);
    expect(pins.all()).toEqual({});
    const fp = normalizeFingerprint('ab'.repeat(32))!;
    pins.set('https://a:8802', fp);
    expect(pins.get('https://a:8802')).toBe(fp);
    pins.forget('https://a:8802');
    expect(pins.get('https://a:8802')).toBeUndefined();
  });
});

describe('UC server TLS configuration', () => {
  it('provisions wss:// by default and refuses cleartext SIP to the network', () => {
    expect(resolveServerConfig({ dataDir: '/tmp/sb-none' }, { tokenSecret: Buffer.alloc(32) }).sipWsUrl).toBe(
      'wss://127.0.0.1:8443',
    );
    expect(() =>
      resolveServerConfig(
        { dataDir: '/tmp/sb-none', sipWsUrl: 'ws://uc.example.com:8080' },
        { tokenSecret: Buffer.alloc(32) },
      ),
    ).toThrow(/cleartext/);
    expect(
      resolveServerConfig(
        { dataDir: '/tmp/sb-none', sipWsUrl: 'ws://127.0.0.1:8080' },
        { tokenSecret: Buffer.alloc(32) },
      ).sipWsUrl,
    ).toBe('ws://127.0.0.1:8080');
  });

  it('takes a certificate and key together', () => {
    expect(() =>
      resolveServerConfig({ dataDir: '/tmp/sb-none', tlsCert: '/x/cert.pem' }, { tokenSecret: Buffer.alloc(32) }),
    ).toThrow(/--tls-cert and --tls-key/);
    const config = resolveServerConfig(
      { dataDir: '/tmp/sb-none', tlsCert: '/x/cert.pem', tlsKey: '/x/key.pem' },
      { tokenSecret: Buffer.alloc(32) },
    );
    expect(config.tls).toEqual({ certPath: '/x/cert.pem', keyPath: '/x/key.pem' });
  });
});
