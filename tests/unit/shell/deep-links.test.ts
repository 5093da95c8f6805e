import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TelephonyUriRefusal } from '../../../src-main/core/features/desktop/links/parse-telephony-uri';
import type { LinkOrigin } from '../../../src-main/core/features/desktop/links/link-dial-policy';
import {
  DeepLinks,
  TELEPHONY_SCHEMES,
  type LinkDialRequest,
  type ProtocolClientLike,
} from '../../../src-main/shell/deep-links';

/** Fake `app`: a registry of scheme → command line, like HKCU\Software\Classes. */
class FakeProtocolApp implements ProtocolClientLike {
  readonly registry = new Map<string, string[]>();
  refuse = new Set<string>();
  setAsDefaultProtocolClient(protocol: string, path?: string, args: string[] = []): boolean {
    if (this.refuse.has(protocol)) return false;
    this.registry.set(protocol, [path ?? '', ...args]);
    return true;
  }
  removeAsDefaultProtocolClient(protocol: string, path?: string, args: string[] = []): boolean {
    if (!this.isDefaultProtocolClient(protocol, path, args)) return false;
    this.registry.delete(protocol);
    return true;
  }
  isDefaultProtocolClient(protocol: string, path?: string, args: string[] = []): boolean {
    return JSON.stringify(this.registry.get(protocol)) === JSON.stringify([path ?? '', ...args]);
  }
}

const exe = 'C:\\Program Files\\Switchboard\\Switchboard.exe';

describe('DeepLinks', () => {
  let app: FakeProtocolApp;
  let requests: LinkDialRequest[];
  let refusals: Array<{ refusal: TelephonyUriRefusal; origin: LinkOrigin }>;
  let links: DeepLinks;

  beforeEach(() => {
    app = new FakeProtocolApp();
    requests = [];
    refusals = [];
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    links = new DeepLinks({
      app,
      execPath: exe,
      defaultApp: false,
      onDidRequestDial: (request) => requests.push(request),
      onDidRefuseLink: (refusal, origin) => refusals.push({ refusal, origin }),
    });
    links.setReady();
  });
  afterEach(() => vi.restoreAllMocks());

  it('registers tel, callto and sip with the "--" separator last, and unregisters', () => {
    expect(links.setAlwaysUseForTelephonyLinks(true)).toEqual({ failed: [] });
    for (const scheme of TELEPHONY_SCHEMES) expect(app.registry.get(scheme)).toEqual([exe, '--']);
    expect(links.isAlwaysUsedForTelephonyLinks()).toBe(true);
    expect(links.setAlwaysUseForTelephonyLinks(false)).toEqual({ failed: [] });
    expect(app.registry.size).toBe(0);
    expect(links.isAlwaysUsedForTelephonyLinks()).toBe(false);
  });

  it('does not remove another application’s registration when turned off', () => {
    app.registry.set('tel', ['C:\\Other\\softphone.exe', '%1']);
    expect(links.setAlwaysUseForTelephonyLinks(false)).toEqual({ failed: [] });
    expect(app.registry.get('tel')).toEqual(['C:\\Other\\softphone.exe', '%1']);
  });

  it('reports schemes whose registration failed', () => {
    app.refuse.add('sip');
    expect(links.setAlwaysUseForTelephonyLinks(true)).toEqual({ failed: ['sip'] });
  });

  it('in development registers the app entry before "--"', () => {
    const dev = new DeepLinks({
      app,
      execPath: '/x/node_modules/electron/dist/electron',
      defaultApp: true,
      appEntry: '/x/out/main/index.js',
      onDidRequestDial: () => undefined,
      onDidRefuseLink: () => undefined,
    });
    dev.setAlwaysUseForTelephonyLinks(true);
    expect(app.registry.get('tel')).toEqual(['/x/node_modules/electron/dist/electron', '/x/out/main/index.js', '--']);
  });

  it('a second-instance link asks for confirmation with the number shown', () => {
    links.handleArgv([exe, '--allow-file-access-from-files', '--', 'tel:+1-201-555-0123;ext=42'], 'os-second-instance');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      origin: 'os-second-instance',
      decision: { action: 'confirm', number: '+12015550123', display: '+1 201 555 0123' },
      link: { extension: '42' },
    });
  });

  it('macOS open-url asks too; an in-app click dials', () => {
    links.handleOpenUrl('sip:alice@example.com');
    links.handleInAppClick('callto:101');
    expect(requests.map((r) => [r.origin, r.decision.action, r.decision.number])).toEqual([
      ['os-open-url', 'confirm', 'sip:alice@example.com'],
      ['in-app-click', 'dial', '101'],
    ]);
  });

  it('never reads before "--", refuses hostile links with a reason, ignores plain launches', () => {
    links.handleArgv([exe, 'tel:+12015550123'], 'os-second-instance');
    links.handleArgv([exe, '--gpu-launcher=calc', '--', 'javascript:alert(1)'], 'os-second-instance');
    links.handleArgv([exe, '--', 'tel:+1 --no-sandbox'], 'os-second-instance');
    links.handleArgv([exe, '--', 'tel:+1', 'tel:+2'], 'os-second-instance');
    links.handleOpenUrl('https://evil.example/');
    expect(requests).toEqual([]);
    expect(refusals.map((r) => r.refusal.reason)).toEqual(['whitespace']);
  });

  it('holds links that arrive before ready (macOS cold start), newest three', () => {
    const early: LinkDialRequest[] = [];
    const cold = new DeepLinks({
      app,
      execPath: exe,
      defaultApp: false,
      onDidRequestDial: (request) => early.push(request),
      onDidRefuseLink: () => undefined,
    });
    for (const n of ['101', '102', '103', '104']) cold.handleOpenUrl(`callto:${n}`);
    cold.handleArgv([exe, '--', 'tel:+12015550123'], 'cold-start-argv');
    expect(early).toEqual([]);
    cold.setReady();
    expect(early.map((r) => r.decision.number)).toEqual(['103', '104', '+12015550123']);
    expect(early.every((r) => r.decision.action === 'confirm')).toBe(true);
  });
});
