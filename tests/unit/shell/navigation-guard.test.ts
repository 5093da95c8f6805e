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
