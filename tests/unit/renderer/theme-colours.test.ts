/**
 * Presence colours and placeholder avatars follow DESIGN.md "Visual
 * language" in both themes (issue #8): Office green, DND red,
 * Meeting/Break/Lunch amber, Out of office/Vacation/Home/Sick grey-violet,
 * unknown hollow grey; initials on a neutral background that reads as no
 * presence state; WCAG AA contrast (text 4.5:1, presence marks 3:1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESENCE_STATES, presenceGroupOf } from '../../../src-preload/contract/presence';

const stylesDir = join(import.meta.dirname, '../../../src-renderer/src');
const appCss = readFileSync(join(stylesDir, 'platform/ui/theme.css'), 'utf8');
const presenceCss = readFileSync(join(stylesDir, 'features/presence/presence.css'), 'utf8');

/** The custom properties of the first block after `marker` (`:root {` or the dark media query). */
function variables(marker: string): Record<string, string> {
  const start = appCss.indexOf(marker);
  if (start < 0) throw new Error(`no ${marker} in app.css`);
  const open = appCss.indexOf('{', appCss.indexOf(':root', start));
  const body = appCss.slice(open + 1, appCss.indexOf('}', open));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const light = variables(':root {');
const dark = { ...light, ...variables('@media (prefers-color-scheme: dark)') };
const themes = { light, dark };

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2.x relative luminance and contrast ratio. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = rgb(hex).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** HSL saturation, 0..1. */
function saturation(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  return max === min ? 0 : (max - min) / (1 - Math.abs(2 * l - 1));
}

/** Hue in degrees. */
function hue(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

/** The colour variable a CSS rule's property uses, e.g. `.presence-group-busy` `background` → `red`. */
function ruleVar(css: string, selector: string, property: string): string {
  // the rule whose whole selector is `selector` (not `.x > .avatar` for `.avatar`)
  const at = css.search(new RegExp(`(^|\\n)${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{`));
  if (at < 0) throw new Error(`no rule ${selector}`);
  const body = css.slice(at, css.indexOf('}', at));
  const m = new RegExp(`${property}:[^;]*var\\(--([\\w-]+)\\)`).exec(body);
  if (!m) throw new Error(`${selector} has no ${property}: var(--…)`);
  return m[1]!;
}

describe('presence colours (DESIGN.md)', () => {
  it('groups the states as the design says, for the dots, the rings and the tray alike', () => {
    const groups = Object.fromEntries(PRESENCE_STATES.map((s) => [s, presenceGroupOf(s)]));
    expect(groups).toEqual({
      office: 'available',
      dnd: 'busy',
      meeting: 'away',
      break: 'away',
      lunch: 'away',
      'out-of-office': 'absent',
      vacation: 'absent',
      home: 'absent',
      sick: 'absent',
    });
  });

  it('paints each group with its colour, and unknown as a hollow grey ring', () => {
    expect(ruleVar(presenceCss, '.presence-group-available', 'background')).toBe('green');
    expect(ruleVar(presenceCss, '.presence-group-busy', 'background')).toBe('red');
    expect(ruleVar(presenceCss, '.presence-group-away', 'background')).toBe('amber');
    expect(ruleVar(presenceCss, '.presence-group-absent', 'background')).toBe('absent');
    expect(ruleVar(presenceCss, '.presence-group-unknown', 'border')).toBe('grey');
    expect(presenceCss).toMatch(/\.presence-group-unknown \{[^}]*background: transparent/);
    for (const group of ['available', 'busy', 'away', 'absent'] as const) {
      expect(ruleVar(appCss, `.avatar.ring-${group}`, 'border-color')).toBe(
        ruleVar(presenceCss, `.presence-group-${group}`, 'background'),
      );
    }
  });

  it.each(Object.entries(themes))(
    '%s theme: grey-violet for absent, every mark at least 3:1 on the surfaces',
    (_, v) => {
      const absent = v['absent']!;
      // violet-ish, muted (a grey-violet, not a saturated purple), and not the plain grey of "unknown"
      expect(hue(absent)).toBeGreaterThan(240);
      expect(hue(absent)).toBeLessThan(290);
      expect(saturation(absent)).toBeLessThan(0.45);
      expect(absent).not.toBe(v['grey']);
      for (const mark of ['green', 'red', 'amber', 'absent', 'grey']) {
        for (const surface of ['surface', 'surface-2', 'bg']) {
          expect(contrast(v[mark]!, v[surface]!), `${mark} on ${surface}`).toBeGreaterThanOrEqual(3);
        }
      }
    },
  );
});

describe('busy lamps (DESIGN.md, SPEC D3)', () => {
  it.each(Object.entries(themes))(
    '%s theme: the ringing ring is yellow (internal) or orange (external), told apart from amber, 3:1 on the surfaces',
    (_, v) => {
      const internal = v['lamp-internal']!;
      const external = v['lamp-external']!;
      expect(hue(internal)).toBeGreaterThanOrEqual(44);
      expect(hue(internal)).toBeLessThanOrEqual(60);
      expect(hue(external)).toBeGreaterThanOrEqual(15);
      expect(hue(external)).toBeLessThanOrEqual(32);
      // the amber of Meeting/Break/Lunch sits between them: a ring is not a presence
      expect(hue(internal) - hue(v['amber']!)).toBeGreaterThanOrEqual(5);
      expect(hue(v['amber']!) - hue(external)).toBeGreaterThanOrEqual(5);
      for (const mark of [internal, external]) {
        for (const surface of ['surface', 'surface-2', 'bg']) {
          expect(contrast(mark, v[surface]!), `${mark} on ${surface}`).toBeGreaterThanOrEqual(3);
        }
      }
    },
  );
});

describe('placeholder avatars (initials)', () => {
  it('use the neutral avatar colours, in the header and for contacts', () => {
    expect(ruleVar(appCss, '.contact-avatar', 'background')).toBe('avatar-bg');
    expect(ruleVar(appCss, '.contact-avatar', 'color')).toBe('avatar-text');
    expect(ruleVar(appCss, '.avatar', 'background')).toBe('avatar-bg');
  });

  it.each(Object.entries(themes))('%s theme: neutral (reads as no presence) with AA text contrast', (_, v) => {
    const bg = v['avatar-bg']!;
    expect(saturation(bg)).toBeLessThan(0.15);
    for (const presence of ['green', 'red', 'amber', 'absent']) expect(bg).not.toBe(v[presence]);
    expect(contrast(v['avatar-text']!, bg)).toBeGreaterThanOrEqual(4.5);
    // the hollow grey ring of an unknown presence stays visible around it
    expect(contrast(v['grey']!, bg)).toBeGreaterThanOrEqual(3);
  });
});
