import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { invitationText, mailtoUrl } from '../../../src-renderer/src/features/conferences/conference-invitation';
import en from '../../../src-renderer/src/features/conferences/i18n/en.json';
import fr from '../../../src-renderer/src/features/conferences/i18n/fr.json';

describe('conference invitations', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ lng: 'fr', resources: { en: { translation: en }, fr: { translation: fr } } });
  });

  it('says the dial-in number and the PIN, in the user language', async () => {
    const room = { name: 'Point hebdo', dialIn: '7000' };
    const fr1 = invitationText(i18n.t.bind(i18n), room, '123456', { name: 'Eve' });
    expect(fr1.subject).toBe('Conférence : Point hebdo');
    expect(fr1.body).toContain('Bonjour Eve,');
    expect(fr1.body).toContain('Composez le 7000');
    expect(fr1.body).toContain('123456');
    await i18n.changeLanguage('en');
    const en1 = invitationText(i18n.t.bind(i18n), room, '999999');
    expect(en1.body).toContain('Hello,');
    expect(en1.body).toContain('Dial 7000');
    expect(en1.body).toContain('PIN 999999 followed by #');
  });

  it('builds a mailto: link with every address, subject and body encoded (RFC 6068)', () => {
    const url = mailtoUrl(['eve@example.org', 'bob+x@example.org'], { subject: 'A & B', body: 'line 1\nline 2' });
    expect(url).toBe('mailto:eve@example.org,bob%2Bx@example.org?subject=A%20%26%20B&body=line%201%0Aline%202');
    expect(new URL(url).protocol).toBe('mailto:');
  });
});
