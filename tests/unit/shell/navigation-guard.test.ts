import { describe, expect, it } from 'vitest';
import {
  installNavigationGuard,
  type NavigationGuardTarget,
  type Preventable,
} from '../../../src-main/shell/navigation-guard';

const OWN = 'file:///app/out/renderer/index.html';

class FakeEvent implements Preventable {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

/** A WebContents stand-in recording what the guard registered. */
class FakeContents implements NavigationGuardTarget {
  willNavigate?: (event: Preventable, url: string) => void;
  willRedirect?: (event: Preventable, url: string) => void;
  willAttachWebview?: (event: Preventable) => void;
  windowOpen?: (details: { url: string }) => { action: 'deny' };
  onWillNavigate(listener: (event: Preventable, url: string) => void): void {
    this.willNavigate = listener;
  }
  onWillRedirect(listener: (event: Preventable, url: string) => void): void {
    this.willRedirect = listener;
  }
  onWillAttachWebview(listener: (event: Preventable) => void): void {
    this.willAttachWebview = listener;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpen = handler;
  }
}

function setup() {
  const contents = new FakeContents();
  const opened: string[] = [];
  const logs: string[] = [];
  installNavigationGuard(contents, {
    isOwnPage: (url) => url.split('#')[0] === OWN,
    openExternal: (url) => opened.push(url),
    log: (m) => logs.push(m),
  });
  return { contents, opened, logs };
}

describe('installNavigationGuard', () => {
  it('registers every hook', () => {
    const { contents } = setup();
    expect(contents.willNavigate).toBeTypeOf('function');
    expect(contents.willRedirect).toBeTypeOf('function');
    expect(contents.willAttachWebview).toBeTypeOf('function');
    expect(contents.windowOpen).toBeTypeOf('function');
  });

  it('lets the window navigate within its own page', () => {
    const { contents, opened } = setup();
    const event = new FakeEvent();
    contents.willNavigate!(event, `${OWN}#/journal`);
    expect(event.prevented).toBe(false);
    expect(opened).toEqual([]);
  });

  it('blocks navigation elsewhere and does not open non-allowlisted URLs', () => {
    const { contents, opened, logs } = setup();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://github.com/']) {
      const event = new FakeEvent();
      contents.willNavigate!(event, url);
      expect(event.prevented).toBe(true);
    }
    expect(opened).toEqual([]);
    expect(logs.length).toBe(3);
  });

  it('sends an allowlisted https link clicked in the page to the system browser, not the window', () => {
    const { contents, opened } = setup();
    const event = new FakeEvent();
    contents.willNavigate!(event, 'https://github.com/switchboard');
    expect(event.prevented).toBe(true);
    expect(opened).toEqual(['https://github.com/switchboard']);
  });

  it('denies every new window, opening only allowlisted links externally', () => {
    const { contents, opened } = setup();
    expect(contents.windowOpen!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen!({ url: OWN })).toEqual({ action: 'deny' });
    expect(contents.windowOpen!({ url: 'https://github.com/a' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/a']);
  });

  it('blocks redirects away from the page and every <webview>', () => {
    const { contents } = setup();
    const redirect = new FakeEvent();
    contents.willRedirect!(redirect, 'https://evil.example/');
    expect(redirect.prevented).toBe(true);
    const own = new FakeEvent();
    contents.willRedirect!(own, OWN);
    expect(own.prevented).toBe(false);
    const webview = new FakeEvent();
    contents.willAttachWebview!(webview);
    expect(webview.prevented).toBe(true);
  });
});

describe('installNavigationGuard: telephony links', () => {
  function setupTel(take: boolean) {
    const contents = new FakeContents();
    const opened: string[] = [];
    const links: string[] = [];
    installNavigationGuard(contents, {
      isOwnPage: (url) => url.split('#')[0] === OWN,
      openExternal: (url) => opened.push(url),
      // even an allowlist that accepted everything must not see telephony links
      isExternalAllowed: () => true,
      onTelephonyLink: (url) => {
        links.push(url);
        return take;
      },
      log: () => undefined,
    });
    return { contents, opened, links };
  }

  it('a tel:/callto:/sip: navigation or window.open is cancelled and handed to onTelephonyLink', () => {
    const { contents, opened, links } = setupTel(true);
    const event = new FakeEvent();
    contents.willNavigate!(event, 'tel:+33123456789');
    expect(event.prevented).toBe(true);
    expect(contents.windowOpen!({ url: 'SIP:alice@example.com' })).toEqual({ action: 'deny' });
    contents.willNavigate!(new FakeEvent(), 'callto:101');
    contents.willNavigate!(new FakeEvent(), 'sips:bob@example.com');
    expect(links).toEqual(['tel:+33123456789', 'SIP:alice@example.com', 'callto:101', 'sips:bob@example.com']);
    expect(opened).toEqual([]);
  });

  it('other schemes never reach onTelephonyLink', () => {
    const { contents, links } = setupTel(true);
    for (const url of ['https://github.com/x', 'javascript:alert(1)', 'file:///etc/passwd', 'telnet://x', 'xtel:1']) {
      contents.willNavigate!(new FakeEvent(), url);
    }
    expect(links).toEqual([]);
  });

  it('a link the hook does not take (another window) is blocked, never opened externally', () => {
    const { contents, links, opened } = setupTel(false);
    const event = new FakeEvent();
    contents.willNavigate!(event, 'tel:+1');
    expect(event.prevented).toBe(true);
    expect(contents.windowOpen!({ url: 'callto:101' })).toEqual({ action: 'deny' });
    expect(links).toEqual(['tel:+1', 'callto:101']);
    expect(opened).toEqual([]);
  });

  it('without a hook, telephony links are blocked too', () => {
    const contents = new FakeContents();
    const opened: string[] = [];
    installNavigationGuard(contents, {
      isOwnPage: () => false,
      openExternal: (url) => opened.push(url),
      isExternalAllowed: () => true,
      log: () => undefined,
    });
    contents.willNavigate!(new FakeEvent(), 'sip:alice@example.com');
    expect(opened).toEqual([]);
  });
});
