import { describe, expect, it } from 'vitest';
import type { CountersView } from '../../../src-preload/contract/ipc-contract';
import { PRESENCE_STATES, type PresenceView } from '../../../src-preload/contract/presence';
import { presenceLabel, shellStrings } from '../../../src-main/shell/shell-strings';
import { TRAY_TOOLTIP_MAX, trayBadge } from '../../../src-main/shell/tray-badge';
import {
  formatTrayDateTime,
  presenceSummary,
  trayIconFile,
  trayModel,
  type TrayMenuEntry,
} from '../../../src-main/shell/tray-model';

const NONE: CountersView = { missedCalls: 0, unreadMessages: 0, newVoicemails: 0 };
const fmt = (ms: number) => `<${ms}>`;
const meeting: PresenceView = {
  state: 'meeting',
  returnAt: 1_795_000_000_000,
  note: 'Budget',
  visibility: 'all',
  updatedAt: 1,
};

function labels(menu: TrayMenuEntry[]): string[] {
  return menu.map((e) => (e.type === 'separator' ? '---' : e.label));
}

describe('tray model (SPEC G4, B1)', () => {
  it('logged out: no presence items, just Show and Quit; the plain icon', () => {
    const model = trayModel({ presence: null, counters: NONE, language: 'en', formatDateTime: fmt });
    expect(labels(model.menu)).toEqual(['Show Switchboard', '---', 'Quit']);
    expect(model.icon).toBe('tray.png');
    expect(model.badge).toEqual({ tooltip: 'Switchboard', title: '', badgeCount: 0 });
  });

  it('logged in: the nine states as radio items with the current one checked, then Show and Quit', () => {
    const model = trayModel({ presence: meeting, counters: NONE, language: 'en', formatDateTime: fmt });
    const radios = model.menu.filter((e) => e.type === 'presence');
    expect(radios.map((e) => e.state)).toEqual([...PRESENCE_STATES]);
    expect(radios.filter((e) => e.checked).map((e) => e.state)).toEqual(['meeting']);
    expect(model.menu[0]).toEqual({ type: 'heading', label: 'Presence' });
    expect(labels(model.menu).slice(-3)).toEqual(['Show Switchboard', '---', 'Quit']);
    expect(radios.map((e) => e.label)).toContain('Do not disturb');
  });

  it('French labels follow the settings language', () => {
    const model = trayModel({ presence: meeting, counters: NONE, language: 'fr', formatDateTime: fmt });
    expect(labels(model.menu)).toContain('En réunion');
    expect(labels(model.menu)).toContain('Afficher Switchboard');
    expect(labels(model.menu).at(-1)).toBe('Quitter');
    expect(model.menu[0]).toEqual({ type: 'heading', label: 'Présence' });
  });

  it('tooltip carries presence with return time and every counter (EN)', () => {
    const model = trayModel({
      presence: meeting,
      counters: { missedCalls: 3, unreadMessages: 1, newVoicemails: 2 },
      language: 'en',
      formatDateTime: fmt,
    });
    expect(model.badge.tooltip).toBe(
      `Switchboard — Meeting until <${meeting.returnAt}> — 3 missed calls, 1 unread message, 2 new voicemails`,
    );
    expect(model.badge.title).toBe('6');
    expect(model.badge.badgeCount).toBe(6);
  });

  it('tooltip in French, only the non-zero counters', () => {
    const model = trayModel({
      presence: { state: 'office', visibility: 'all', updatedAt: 0 },
      counters: { missedCalls: 0, unreadMessages: 2, newVoicemails: 1 },
      language: 'fr',
      formatDateTime: fmt,
    });
    expect(model.badge.tooltip).toBe('Switchboard — Au bureau — 2 messages non lus, 1 nouveau message vocal');
  });

  it('one icon per presence group, grouped as DESIGN.md colours them', () => {
    const icon = (state: PresenceView['state']) => trayIconFile({ state, visibility: 'all', updatedAt: 0 });
    expect(icon('office')).toBe('tray-available.png');
    expect(icon('dnd')).toBe('tray-busy.png');
    expect(icon('meeting')).toBe('tray-away.png');
    expect(icon('break')).toBe('tray-away.png');
    expect(icon('lunch')).toBe('tray-away.png');
    expect(icon('out-of-office')).toBe('tray-absent.png');
    expect(icon('vacation')).toBe('tray-absent.png');
    expect(icon('home')).toBe('tray-absent.png');
    expect(icon('sick')).toBe('tray-absent.png');
  });

  it('presence summary without return time is the state name; unknown is undefined', () => {
    expect(presenceSummary({ state: 'lunch', visibility: 'all', updatedAt: 0 }, 'fr', fmt)).toBe('Déjeuner');
    expect(presenceSummary(null, 'en', fmt)).toBeUndefined();
    expect(presenceLabel('de', 'home')).toBe('Home');
  });

  it('the default formatter writes the date and time in the language', () => {
    const at = new Date(2026, 10, 23, 15, 30).getTime();
    expect(formatTrayDateTime(at, 'fr')).toContain('15:30');
    expect(formatTrayDateTime(at, 'fr')).toContain('23/11/2026');
    expect(formatTrayDateTime(at, 'en')).toContain('23/11/2026');
  });

  it('keeps the tooltip within the Windows limit', () => {
    const badge = trayBadge(
      { missedCalls: 123, unreadMessages: 456, newVoicemails: 789 },
      shellStrings('fr'),
      'Hors du bureau / en déplacement jusqu’au 23/11/2026 15:30',
    );
    expect(badge.tooltip.length).toBeLessThanOrEqual(TRAY_TOOLTIP_MAX);
    expect(badge.tooltip.endsWith('…')).toBe(true);
    expect(badge.title).toBe('99+');
  });
});
