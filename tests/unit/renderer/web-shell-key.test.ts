import { describe, expect, it } from 'vitest';
import {
  WEB_SHELL_KEY_FRAGMENT_PARAM,
  WEB_SHELL_KEY_PROTOCOL_PREFIX,
  WEB_SHELL_PROTOCOL,
} from '../../../src-preload/contract/web-protocol';
import * as page from '../../../src-renderer/src/platform/bridge/web-shell-key';

function sources(hash: string, stored: Record<string, string> = {}) {
  const replaced: string[] = [];
  return {
    replaced,
    stored,
    location: { hash, pathname: '/', search: '?e2e=1' },
    history: { replaceState: (_d: unknown, _u: string, url: string) => void replaced.push(url) },
    sessionStorage: {
      getItem: (k: string) => stored[k] ?? null,
      setItem: (k: string, v: string) => void (stored[k] = v),
    },
  };
}

describe('web shell key (page side)', () => {
  it('uses the contract values', () => {
    expect(page.WEB_SHELL_PROTOCOL).toBe(WEB_SHELL_PROTOCOL);
    expect(page.WEB_SHELL_KEY_PROTOCOL_PREFIX).toBe(WEB_SHELL_KEY_PROTOCOL_PREFIX);
    expect(page.WEB_SHELL_KEY_FRAGMENT_PARAM).toBe(WEB_SHELL_KEY_FRAGMENT_PARAM);
  });

  it('takes the key from the fragment, keeps it for reloads and removes it from the address bar', () => {
    const s = sources('#k=abc_DEF-123');
    expect(page.takeWebShellKey(s)).toBe('abc_DEF-123');
    expect(s.replaced).toEqual(['/?e2e=1']);
    // the reload: no fragment any more, the key comes from sessionStorage
    const reload = sources('', s.stored);
    expect(page.takeWebShellKey(reload)).toBe('abc_DEF-123');
    expect(reload.replaced).toEqual([]);
  });

  it('leaves the rest of the fragment (the #popup page) in place', () => {
    const s = sources('#popup&k=xyz');
    expect(page.takeWebShellKey(s)).toBe('xyz');
    expect(s.replaced).toEqual(['/?e2e=1#popup']);
  });

  it('has no key when opened without one, and offers it as a subprotocol when it has one', () => {
    expect(page.takeWebShellKey(sources(''))).toBeNull();
    expect(page.webShellProtocols(null)).toEqual([WEB_SHELL_PROTOCOL]);
    expect(page.webShellProtocols('xyz')).toEqual([WEB_SHELL_PROTOCOL, `${WEB_SHELL_KEY_PROTOCOL_PREFIX}xyz`]);
  });
});
