import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src-preload/contract/ipc-contract';
import { createAppStore } from '../../../src-renderer/src/app/app-store';
import { FakeUc, settingsOf } from '../../support/renderer/fake-uc';

const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const untrusted: SessionState = {
  status: 'unreachable',
  user: '101',
  server: 'pbx.example.com',
  loginError: 'untrusted-certificate',
  certificate: { server: 'pbx.example.com', endpoint: 'pbx.example.com:8802', fingerprint: FINGERPRINT },
};

function uc(): FakeUc {
  return new FakeUc()
    .handle('session.getState', () => ({ ok: true, value: { status: 'logged-out' } }))
    .handle('settings.get', () => ({ ok: true, value: settingsOf({}) }))
    .handle('session.listTrustedCertificates', () => ({ ok: true, value: [] }));
}

describe('session slice: certificate trust (SPEC A1)', () => {
  it('trusts exactly the certificate the engine showed, then takes the new session', async () => {
    const fake = uc().handle('session.trustCertificate', () => ({
      ok: true,
      value: { status: 'registered', user: '101', server: 'pbx.example.com' },
    }));
    const store = createAppStore(fake);
    store.getState().setSession(untrusted);
    await store.getState().trustCertificate();
    expect(fake.invoked('session.trustCertificate')).toEqual([{ server: 'pbx.example.com', fingerprint: FINGERPRINT }]);
    expect(store.getState().session.status).toBe('registered');
  });

  it('offers nothing to trust for a changed certificate; declining hides that question only', async () => {
    const fake = uc();
    const store = createAppStore(fake);
    store.getState().setSession({ ...untrusted, loginError: 'certificate-changed' });
    await store.getState().trustCertificate();
    expect(fake.invoked('session.trustCertificate')).toEqual([]);
    store.getState().setSession(untrusted);
    store.getState().dismissCertificate();
    expect(store.getState().dismissedCertificate).toBe(FINGERPRINT);
  });
});
