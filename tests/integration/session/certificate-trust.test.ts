/**
 * Issue 10 / SPEC A1 through the real UC server over HTTPS and the real
 * Kamailio over WSS, both serving a self-signed certificate nobody trusts:
 * cleartext provisioning is refused before connecting; the first login stops
 * at the certificate and shows its fingerprint; accepting pins it and the API,
 * the live events and the SIP registration (WSS) then go through; a server
 * restarted with another certificate is refused as "changed".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src-preload/contract/ipc-contract';
import type { TrustedCertificate } from '../../../src-preload/contract/session/session-ipc';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { freshSelfSignedCert } from '../../support/test-tls';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { WeriftMediaHost } from '../../support/werift-media-host';

describe('certificate pin and change', () => {
  let stack: UcStack;
  let media: WeriftMediaHost;
  let core: AppCore;
  let dataDir: string;
  const alice = { user: '100', password: 'Welcome100!' };

  beforeAll(async () => {
    stack = await startUcStack({ tls: freshSelfSignedCert(), withVoicemail: false });
    media = new WeriftMediaHost();
    dataDir = mkdtempSync(join(tmpdir(), 'sb-trust-'));
    core = composeAppCore({ dataDir, mediaHost: media });
  });

  afterAll(async () => {
    await core?.dispose();
    await media?.dispose();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const invoke = (channel: string, payload: unknown = {}) => dispatchInvoke(core, channel, payload);
  const ok = async <T>(channel: string, payload: unknown = {}): Promise<T> => {
    const r = await invoke(channel, payload);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  it('cleartext provisioning refused: http:// to a non-loopback address, before any connection', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): nothing answers there; a refusal that tried would time out
    const started = Date.now();
    const r = await invoke('session.login', { server: 'http://192.0.2.10:8802', ...alice });
    expect(r).toMatchObject({ ok: false, error: { code: 'cleartext-server' } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await ok<SessionState>('session.getState')).toMatchObject({ status: 'logged-out' });
  });

  it('first connection: untrusted, with the SHA-256 fingerprint of the server; nothing is pinned', async () => {
    const state = await ok<SessionState>('session.login', { server: stack.serverAddress, ...alice });
    expect(state).toMatchObject({
      status: 'unreachable',
      loginError: 'untrusted-certificate',
      certificate: { server: stack.serverAddress, fingerprint: stack.certificateFingerprint },
    });
    expect(state.certificate?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await ok<TrustedCertificate[]>('session.listTrustedCertificates')).toEqual([]);
  });

  it('only the certificate that was shown can be trusted (the renderer cannot pin another one)', async () => {
    const other = stack.certificateFingerprint.replace(/^../, (b) => (b === 'AA' ? 'BB' : 'AA'));
    const r = await invoke('session.trustCertificate', { server: stack.serverAddress, fingerprint: other });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
    expect(await ok<TrustedCertificate[]>('session.listTrustedCertificates')).toEqual([]);
  });

  it('accepting pins it: the API, then SIP over WSS (same certificate) connect', async () => {
    expect(stack.kamailio.wssUrl).toMatch(/^wss:/);
    const state = await ok<SessionState>('session.trustCertificate', {
      server: stack.serverAddress,
      fingerprint: stack.certificateFingerprint,
    });
    // registered = the UC login (HTTPS) and the SIP REGISTER over wss:// both went through
    expect(state).toMatchObject({ status: 'registered', user: '100' });
    expect(await ok<TrustedCertificate[]>('session.listTrustedCertificates')).toEqual([
      { origin: `https://${stack.serverAddress}`, fingerprint: stack.certificateFingerprint },
    ]);
    // an authenticated API call over the pinned connection
    const presence = await invoke('presence.get');
    expect(presence.ok).toBe(true);
  });

  it('server restarted with a new certificate: refused with the changed-certificate message', async () => {
    const pinned = stack.certificateFingerprint;
    await ok('session.logout');
    await stack.stopServer();
    await stack.startServer({ tls: freshSelfSignedCert() });
    expect(stack.certificateFingerprint).not.toBe(pinned);

    const state = await ok<SessionState>('session.login', { server: stack.serverAddress, ...alice });
    expect(state).toMatchObject({
      status: 'unreachable',
      loginError: 'certificate-changed',
      certificate: { fingerprint: stack.certificateFingerprint, pinned },
    });
    // a changed certificate is not offered for trust from the login
    const r = await invoke('session.trustCertificate', {
      server: stack.serverAddress,
      fingerprint: stack.certificateFingerprint,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-state' } });
  });

  it('forgetting the pin (Settings) asks again on the next login', async () => {
    await ok('session.forgetCertificate', { origin: `https://${stack.serverAddress}` });
    const state = await ok<SessionState>('session.login', { server: stack.serverAddress, ...alice });
    expect(state).toMatchObject({ loginError: 'untrusted-certificate' });
  });
});
