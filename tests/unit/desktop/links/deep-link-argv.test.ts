import { describe, expect, it } from 'vitest';
import {
  deepLinkFromOpenUrl,
  extractDeepLinkFromArgv,
  protocolClientArgs,
} from '../../../../src-main/core/features/desktop/links/deep-link-argv';
import { parseTelephonyUri } from '../../../../src-main/core/features/desktop/links/parse-telephony-uri';

const exe = 'C:\\Program Files\\Switchboard\\Switchboard.exe';

describe('extractDeepLinkFromArgv', () => {
  it('reads the link that follows "--" (Windows registry / Linux Exec -- %U)', () => {
    expect(extractDeepLinkFromArgv([exe, '--', 'tel:+1-201-555-0123'])).toEqual({
      ok: true,
      url: 'tel:+1-201-555-0123',
    });
    expect(extractDeepLinkFromArgv(['/opt/Switchboard/switchboard', '--', 'SIP:alice@example.com'])).toEqual({
      ok: true,
      url: 'SIP:alice@example.com',
    });
  });

  it('tolerates switches Chromium adds before the separator, and dev-mode app paths', () => {
    const argv = [exe, '--allow-file-access-from-files', '--original-process-start-time=1', '.', '--', 'callto:+4989'];
    expect(extractDeepLinkFromArgv(argv)).toEqual({ ok: true, url: 'callto:+4989' });
  });

  it('never reads a link placed before "--"', () => {
    expect(extractDeepLinkFromArgv([exe, 'tel:+12015550123'])).toEqual({ ok: false, reason: 'no-separator' });
    expect(extractDeepLinkFromArgv([exe, 'tel:+12015550123', '--'])).toEqual({ ok: false, reason: 'no-link' });
    expect(extractDeepLinkFromArgv([exe, 'tel:+1', '--', 'tel:+2'])).toEqual({ ok: true, url: 'tel:+2' });
  });

  it('CVE-2018-1000006: injected switches are never links, and are not interpreted', () => {
    // The 2018 payload: the URL closes the quote and adds Chromium switches.
    const hostile = [
      exe,
      'tel:x',
      '--gpu-launcher=cmd.exe /c calc',
      '--no-sandbox',
      '--',
      '--renderer-cmd-prefix=calc',
      'javascript:alert(1)',
      'file:///etc/passwd',
    ];
    expect(extractDeepLinkFromArgv(hostile)).toEqual({ ok: false, reason: 'no-link' });
    // A single argv element carrying the quote trick is one string: extracted, then refused by the parser.
    const quoted = extractDeepLinkFromArgv([exe, '--', 'tel:+1" --gpu-launcher="calc']);
    expect(quoted).toEqual({ ok: true, url: 'tel:+1" --gpu-launcher="calc' });
    if (quoted.ok) expect(parseTelephonyUri(quoted.url)).toMatchObject({ ok: false, reason: 'whitespace' });
  });

  it('refuses ambiguous input (two links) and ignores non-strings', () => {
    expect(extractDeepLinkFromArgv([exe, '--', 'tel:+1', 'sip:a@b.com'])).toEqual({
      ok: false,
      reason: 'several-links',
    });
    expect(extractDeepLinkFromArgv([exe, '--', 42, null, { url: 'tel:+1' }])).toEqual({ ok: false, reason: 'no-link' });
    expect(extractDeepLinkFromArgv([])).toEqual({ ok: false, reason: 'no-separator' });
    expect(extractDeepLinkFromArgv('tel:+1' as unknown as string[])).toEqual({ ok: false, reason: 'no-separator' });
    expect(extractDeepLinkFromArgv([exe, '--'])).toEqual({ ok: false, reason: 'no-link' });
  });

  it('only looks at a bounded number of arguments after "--"', () => {
    const filler = Array.from({ length: 10_000 }, (_, i) => `x${i}`);
    expect(extractDeepLinkFromArgv([exe, '--', ...filler, 'tel:+12015550123'])).toEqual({
      ok: false,
      reason: 'no-link',
    });
  });
});

describe('deepLinkFromOpenUrl (macOS)', () => {
  it('passes telephony URLs on and drops the rest', () => {
    expect(deepLinkFromOpenUrl('tel:+12015550123')).toEqual({ ok: true, url: 'tel:+12015550123' });
    expect(deepLinkFromOpenUrl('sips:bob@example.com')).toEqual({ ok: true, url: 'sips:bob@example.com' });
    expect(deepLinkFromOpenUrl('https://example.com')).toEqual({ ok: false, reason: 'no-link' });
    expect(deepLinkFromOpenUrl(undefined)).toEqual({ ok: false, reason: 'no-link' });
  });
});

describe('protocolClientArgs', () => {
  it('ends with "--" so the OS appends the URL after the separator', () => {
    expect(protocolClientArgs({ defaultApp: false })).toEqual(['--']);
    expect(protocolClientArgs({ defaultApp: false, appEntry: '/x/out/main/index.js' })).toEqual(['--']);
    expect(protocolClientArgs({ defaultApp: true, appEntry: '/x/out/main/index.js' })).toEqual([
      '/x/out/main/index.js',
      '--',
    ]);
  });
});
