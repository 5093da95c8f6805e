import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_HOSTS, isAllowedExternalUrl } from '../../../src-main/shell/external-links';

describe('isAllowedExternalUrl', () => {
  it('allows https links to an allowlisted host', () => {
    expect(EXTERNAL_LINK_HOSTS).toContain('github.com');
    expect(isAllowedExternalUrl('https://github.com/switchboard/switchboard/issues')).toBe(true);
    expect(isAllowedExternalUrl('https://GitHub.com/x')).toBe(true);
  });

  it.each([
    ['http scheme', 'http://github.com/'],
    ['file scheme', 'file:///etc/passwd'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['other host', 'https://evil.example/'],
    ['suffix trick', 'https://github.com.evil.example/'],
    ['subdomain not listed', 'https://gist.github.com/'],
    ['credentials', 'https://user:pw@github.com/'],
    ['explicit port', 'https://github.com:8443/'],
    ['not a URL', 'github.com'],
    ['empty', ''],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('allows mailto: links (conference invitations open the mail program)', () => {
    expect(isAllowedExternalUrl('mailto:eve@example.org?subject=Conference&body=Dial%207000')).toBe(true);
    expect(isAllowedExternalUrl(`mailto:a@example.org?body=${'x'.repeat(2100)}`)).toBe(false);
    // mail programs that honour attach= would send a local file with a message a page composed
    expect(isAllowedExternalUrl('mailto:eve@example.org?subject=Hi&attach=/home/alice/.ssh/id_rsa')).toBe(false);
    expect(isAllowedExternalUrl('mailto:eve@example.org?Attachment=C:%5CUsers%5Calice%5Csecret.txt')).toBe(false);
    expect(isAllowedExternalUrl('mailto:eve@example.org?cc=bob@example.org&bcc=carol@example.org')).toBe(true);
  });

  it('uses the host list it is given', () => {
    expect(isAllowedExternalUrl('https://docs.example/a', ['docs.example'])).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/', ['docs.example'])).toBe(false);
  });

  it('refuses absurdly long URLs', () => {
    expect(isAllowedExternalUrl(`https://github.com/${'a'.repeat(3000)}`)).toBe(false);
  });
});
