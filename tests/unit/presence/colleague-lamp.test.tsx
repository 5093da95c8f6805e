/**
 * Busy lamps (SPEC B4, D3; issue #11): each line state of a colleague draws
 * its own mark around their photo — ringing blinks yellow (internal caller)
 * or orange (external), steady under reduced motion; calling/talking a busy
 * ring with a handset badge; unregistered a greyed photo with a plug badge,
 * never the look of idle; idle or no line state nothing — and every state has
 * its words in English and French. The pickup button shows only while the
 * line rings and calls calls.pickup; its failure is a toast in the user's
 * words. The collapsed bar shows the own presence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-preload/contract/ipc-contract';
import { LINE_STATES, type LineState, type PresenceOf } from '../../../src-preload/contract/presence';
import { createAppStore } from '../../../src-renderer/src/app/app-store';
import { App } from '../../../src-renderer/src/app/app';
import { PickupButton } from '../../../src-renderer/src/features/calls';
import { ColleagueAvatar, ColleaguePresenceLine, lampOf } from '../../../src-renderer/src/features/presence';
import { FakeUc, flush } from '../../support/renderer/fake-uc';
import { attrOf, i18nIn, renderWith, stubBrowserGlobals, tagOf } from '../../support/renderer/render-static';

const EXPECTED: Record<LineState, { kind: string; party?: string; en: string; fr: string }> = {
  unregistered: {
    kind: 'offline',
    en: 'Not connected (no phone registered)',
    fr: 'Non connecté (aucun téléphone enregistré)',
  },
  idle: { kind: 'none', en: 'Line free', fr: 'Ligne libre' },
  'ringing-internal': {
    kind: 'ringing',
    party: 'internal',
    en: 'Ringing (internal call)',
    fr: 'Sonne (appel interne)',
  },
  'ringing-external': {
    kind: 'ringing',
    party: 'external',
    en: 'Ringing (external call)',
    fr: 'Sonne (appel externe)',
  },
  calling: { kind: 'busy', en: 'Placing a call', fr: 'Appel sortant en cours' },
  'talking-internal': {
    kind: 'busy',
    party: 'internal',
    en: 'On the phone (internal)',
    fr: 'En communication (interne)',
  },
  'talking-external': {
    kind: 'busy',
    party: 'external',
    en: 'On the phone (external)',
    fr: 'En communication (externe)',
  },
};

const presenceOf = (line: LineState | undefined, visible = true): PresenceOf =>
  visible
    ? { number: '101', visible: true, state: 'office', ...(line ? { line } : {}) }
    : { number: '101', visible: false };

async function avatar(line: LineState | undefined, language: 'en' | 'fr' = 'en', visible = true): Promise<string> {
  return renderWith(
    await i18nIn(language),
    { othersPresence: { '101': presenceOf(line, visible) } },
    <ColleagueAvatar number="101">
      <span className="contact-avatar">BM</span>
    </ColleagueAvatar>,
  );
}

describe('busy lamp: line state → mark', () => {
  beforeAll(stubBrowserGlobals);
  afterAll(() => vi.unstubAllGlobals());

  it('maps every line state of the contract (and none) to its kind and words', () => {
    for (const line of LINE_STATES) {
      const lamp = lampOf(line);
      expect(lamp.kind, line).toBe(EXPECTED[line].kind);
      expect(lamp.party, line).toBe(EXPECTED[line].party);
      expect(lamp.labelKey, line).toBe(`lamp.${line}`);
    }
    expect(lampOf(undefined)).toEqual({ kind: 'none' });
  });

  it.each(LINE_STATES)('%s: the photo carries its mark, labelled in English and French', async (line) => {
    const expected = EXPECTED[line];
    for (const language of ['en', 'fr'] as const) {
      const html = await avatar(line, language);
      const tag = tagOf(html, 'colleague-avatar');
      expect(attrOf(tag, 'data-line')).toBe(line);
      expect(attrOf(tag, 'data-lamp')).toBe(expected.kind);
      expect(attrOf(tag, 'class')).toContain(`lamp-${expected.kind}`);
      if (expected.party) expect(attrOf(tag, 'class')).toContain(`lamp-${expected.party}`);
      // every state is spoken (the dot's label) …
      expect(attrOf(tagOf(html, 'colleague-presence-dot'), 'aria-label')).toContain(expected[language]);
      // … and has a tooltip on the photo when something is drawn
      expect(attrOf(tag, 'title')).toBe(expected.kind === 'none' ? undefined : expected[language]);
      expect(html.includes('class="lamp-ring"'), `${line} ring`).toBe(
        expected.kind === 'ringing' || expected.kind === 'busy',
      );
      expect(html.includes('class="lamp-badge"'), `${line} badge`).toBe(
        expected.kind === 'busy' || expected.kind === 'offline',
      );
    }
  });

  it('unregistered does not look like idle: greyed photo, hollow dot whatever the presence', async () => {
    const unregistered = await avatar('unregistered');
    const idle = await avatar('idle');
    expect(attrOf(tagOf(unregistered, 'colleague-avatar'), 'class')).not.toBe(
      attrOf(tagOf(idle, 'colleague-avatar'), 'class'),
    );
    expect(attrOf(tagOf(unregistered, 'colleague-presence-dot'), 'class')).toContain('is-offline');
    expect(attrOf(tagOf(idle, 'colleague-presence-dot'), 'class')).not.toContain('is-offline');
    // the state is still said
    expect(attrOf(tagOf(unregistered, 'colleague-presence-dot'), 'data-state')).toBe('office');
  });

  it('no line state, or a presence we may not see: nothing is drawn', async () => {
    for (const html of [await avatar(undefined), await avatar('ringing-internal', 'en', false)]) {
      const tag = tagOf(html, 'colleague-avatar');
      expect(attrOf(tag, 'data-lamp')).toBe('none');
      expect(attrOf(tag, 'title')).toBeUndefined();
      expect(html).not.toContain('lamp-ring');
      expect(html).not.toContain('lamp-badge');
    }
  });

  it('the presence line names a ringing or busy line, not an idle one', async () => {
    const i18n = await i18nIn('fr');
    const line = (l: LineState) =>
      renderWith(i18n, { othersPresence: { '101': presenceOf(l) } }, <ColleaguePresenceLine number="101" />);
    expect(line('ringing-external')).toContain('Sonne (appel externe)');
    expect(line('idle')).not.toContain('colleague-line');
  });
});

describe('busy lamp styles', () => {
  const css = readFileSync(
    join(import.meta.dirname, '../../../src-renderer/src/features/presence/presence.css'),
    'utf8',
  );
  const rule = (selector: string) => {
    const at = css.indexOf(`${selector} {`);
    expect(at, selector).toBeGreaterThanOrEqual(0);
    return css.slice(at, css.indexOf('}', at));
  };

  it('ringing blinks yellow for an internal caller, orange for an external one', () => {
    expect(rule('.lamp-ringing .lamp-ring')).toMatch(/animation: lamp-blink /);
    expect(rule('.lamp-ringing.lamp-internal .lamp-ring')).toMatch(/border-color: var\(--lamp-internal\)/);
    expect(rule('.lamp-ringing.lamp-external .lamp-ring')).toMatch(/border-color: var\(--lamp-external\)/);
    // no rule more specific than the reduced-motion one starts the blinking again
    expect(css.match(/animation: lamp-blink/g)).toHaveLength(1);
  });

  it('under prefers-reduced-motion the ring stays steady', () => {
    const media = css.slice(css.indexOf('@media (prefers-reduced-motion: reduce)'));
    expect(media).toMatch(
      /^@media \(prefers-reduced-motion: reduce\) \{\s*\.lamp-ringing \.lamp-ring \{\s*animation: none;/,
    );
  });

  it('unregistered greys the photo', () => {
    expect(rule('.lamp-offline > .contact-avatar')).toMatch(/filter: grayscale\(1\)/);
  });
});

describe('pickup button', () => {
  beforeAll(stubBrowserGlobals);
  afterAll(() => vi.unstubAllGlobals());

  it.each(LINE_STATES)('%s: shown only while the line rings', async (line) => {
    const html = renderWith(
      await i18nIn('en'),
      { othersPresence: { '101': presenceOf(line) } },
      <PickupButton number="101" name="Bruno Müller" reveal />,
    );
    const tag = tagOf(html, 'pickup');
    if (lampOf(line).kind === 'ringing') {
      expect(attrOf(tag, 'aria-label')).toBe('Pick up Bruno Müller’s call');
      // hidden until hover or keyboard focus of its row, but never out of the Tab order
      expect(attrOf(tag, 'class')).toContain('reveal-on-host');
      expect(attrOf(tag, 'tabindex')).not.toBe('-1');
    } else expect(tag).toBeUndefined();
  });

  it('not visible to us: no pickup button, whatever the line', async () => {
    const html = renderWith(
      await i18nIn('en'),
      { othersPresence: { '101': { number: '101', visible: false, line: 'ringing-internal' } } },
      <PickupButton number="101" name="Bruno Müller" />,
    );
    expect(tagOf(html, 'pickup')).toBeUndefined();
  });

  it('calls calls.pickup; a call already gone says so in the user’s words, other failures as usual', async () => {
    const uc = new FakeUc();
    let code: 'not-found' | 'not-registered' = 'not-found';
    uc.handle('calls.pickup', () => ({ ok: false, error: { code, message: 'x' } }));
    const store = createAppStore(uc, 'fr');
    expect(await store.getState().pickup('101')).toBe(false);
    expect(uc.invoked('calls.pickup')).toEqual([{ number: '101' }]);
    expect(store.getState().toasts.map((t) => [t.kind, t.key])).toEqual([['pickup-error', 'pickup.error.not-found']]);
    code = 'not-registered';
    await store.getState().pickup('101');
    expect(store.getState().toasts.at(-1)?.key).toBe('error.not-registered');
    const fr = await i18nIn('fr');
    expect(fr.t('pickup.error.not-found')).toBe('L’appel a déjà été pris ou a pris fin.');
    expect((await i18nIn('en')).t('pickup.error.not-found')).toBe('The call was already answered or ended.');

    uc.handle('calls.pickup', () => ({ ok: true, value: { callId: 'c1' } }));
    const before = store.getState().toasts.length;
    expect(await store.getState().pickup('101')).toBe(true);
    await flush();
    expect(store.getState().toasts.length).toBe(before);
  });
});

describe('collapsed bar: own presence', () => {
  beforeAll(stubBrowserGlobals);
  afterAll(() => vi.unstubAllGlobals());

  it('shows the state and note by the name, and says both in the avatar’s label', async () => {
    const html = renderWith(
      await i18nIn('fr'),
      {
        session: { status: 'registered', user: '100', displayName: 'Alice Martin', ucConnection: 'online' },
        hasBeenRegistered: true,
        bridgeConnected: true,
        settings: { ...DEFAULT_SETTINGS, view: 'collapsed' },
        presence: { state: 'meeting', note: 'Budget', visibility: 'all', updatedAt: 1_800_000_000_000 },
      },
      <App />,
    );
    const bar = html.slice(html.indexOf('data-testid="collapsed-bar"'));
    expect(attrOf(tagOf(bar, 'collapsed-presence'), 'data-state')).toBe('meeting');
    expect(bar).toContain('Budget');
    expect(attrOf(tagOf(bar, 'own-avatar'), 'data-ring')).toBe('away');
    expect(attrOf(tagOf(bar, 'own-avatar'), 'aria-label')).toMatch(/ — En réunion$/);
  });
});
