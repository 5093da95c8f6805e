import { describe, expect, it } from 'vitest';
import { shellStrings } from '../../../src-main/shell/shell-strings';
import { trayBadge } from '../../../src-main/shell/tray-badge';

describe('trayBadge', () => {
  it('no missed call: plain tooltip, no title, no badge', () => {
    expect(trayBadge(0, shellStrings('en'))).toEqual({ tooltip: 'Switchboard', title: '', badgeCount: 0 });
  });

  it('shows the count in the tooltip, title and badge, per language', () => {
    expect(trayBadge(3, shellStrings('en'))).toEqual({
      tooltip: 'Switchboard — 3 missed calls',
      title: '3',
      badgeCount: 3,
    });
    expect(trayBadge(1, shellStrings('fr')).tooltip).toBe('Switchboard — 1 appel manqué');
  });

  it('caps the title at 99+ and sanitizes odd input', () => {
    expect(trayBadge(250, shellStrings('en'))).toMatchObject({ title: '99+', badgeCount: 250 });
    expect(trayBadge(-2, shellStrings('en')).badgeCount).toBe(0);
    expect(trayBadge(Number.NaN, shellStrings('en')).badgeCount).toBe(0);
    expect(trayBadge(2.7, shellStrings('en')).badgeCount).toBe(2);
  });
});
