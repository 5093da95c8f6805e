/**
 * What the app shell shows, gathered from the registered features' `views`
 * (platform/views/feature-views.ts) and put in their declared order: the main
 * view's sections, the Menu view's tabs, the counters beside the user's
 * name, the overlays, the Settings screen.
 * Nothing here names a feature: a new view is an entry in its feature's
 * `views`, a new domain one line in feature-registry.ts.
 */
import type { AppState, MenuTab } from '../platform/store/app-state';
import type { RendererFeature } from '../platform/store/renderer-feature';
import { useAppStore } from '../platform/store/use-app-store';
import type {
  HeaderCounter,
  MainSection,
  MenuTabItem,
  Overlay,
  SettingsBlock,
  SettingsSection,
} from '../platform/views/feature-views';
import { FEATURES } from './feature-registry';

/**
 * `items` by their `order`; two items sharing an order or an id are a
 * mistake (where would each go?) and throw.
 */
export function inOrder<T extends { order: number }>(
  what: string,
  items: readonly T[],
  idOf: (item: T) => string,
): T[] {
  const sorted = [...items].sort((a, b) => a.order - b.order);
  const ids = new Set<string>();
  sorted.forEach((item, index) => {
    const id = idOf(item);
    if (ids.has(id)) throw new Error(`${what} ${id} is declared twice`);
    ids.add(id);
    const previous = sorted[index - 1];
    if (previous !== undefined && previous.order === item.order) {
      throw new Error(`${what}s ${idOf(previous)} and ${id} share the order ${item.order}`);
    }
  });
  return sorted;
}

/** A Settings section with its blocks, in order. */
export interface SettingsSectionView extends SettingsSection {
  blocks: readonly SettingsBlock[];
}

/** Every contribution of `features`, ordered and checked. */
export function composeViews(features: readonly RendererFeature[]): {
  mainSections: MainSection[];
  menuTabs: MenuTabItem[];
  headerCounters: HeaderCounter[];
  overlays: Overlay[];
  settings: SettingsSectionView[];
} {
  const views = features.map((feature) => feature.views ?? {});
  const sections = inOrder(
    'settings section',
    views.flatMap((v) => v.settingsSections ?? []),
    (s) => s.id,
  );
  const blocks = views.flatMap((v) => v.settingsBlocks ?? []);
  for (const block of blocks) {
    if (!sections.some((s) => s.id === block.section)) {
      throw new Error(`settings block ${block.id} is in section ${block.section}, which no feature declares`);
    }
  }
  return {
    mainSections: inOrder(
      'main-view section',
      views.flatMap((v) => v.mainSections ?? []),
      (s) => s.id,
    ),
    menuTabs: inOrder(
      'menu tab',
      views.flatMap((v) => v.menuTabs ?? []),
      (t) => t.tab,
    ),
    headerCounters: inOrder(
      'header counter',
      views.flatMap((v) => v.headerCounters ?? []),
      (c) => c.id,
    ),
    overlays: inOrder(
      'overlay',
      views.flatMap((v) => v.overlays ?? []),
      (o) => o.id,
    ),
    settings: sections.map((section) => ({
      ...section,
      blocks: inOrder(
        `settings block (${section.id})`,
        blocks.filter((b) => b.section === section.id),
        (b) => b.id,
      ),
    })),
  };
}

const VIEWS = composeViews(FEATURES);

/** The main view's sections, top to bottom. */
export const MAIN_SECTIONS: readonly MainSection[] = VIEWS.mainSections;

/** The Menu view's icon bar, top to bottom (Settings comes last, always: menu-bar.tsx). */
export const MENU_ITEMS: readonly MenuTabItem[] = VIEWS.menuTabs;

/** Every tab of the Menu view, in order. */
export const MENU_TABS: readonly MenuTab[] = MENU_ITEMS.map((item) => item.tab);

/** The counters beside the user's name, left to right. */
export const HEADER_COUNTERS: readonly HeaderCounter[] = VIEWS.headerCounters;

/** Sheets and popups over the main view, in stacking order. */
export const OVERLAYS: readonly Overlay[] = VIEWS.overlays;

/** The Settings screen, section by section, each with its blocks. */
export const SETTINGS_SECTIONS: readonly SettingsSectionView[] = VIEWS.settings;

/** Whether a section shows: `tab` is the Menu view's tab, null in the other views. */
export function sectionShown(section: MainSection, tab: MenuTab | null, state: AppState): boolean {
  if (tab === null) return section.inList === undefined || (section.inList !== false && section.inList(state));
  return (section.tabs === undefined || section.tabs.includes(tab)) && (section.inMenu?.(state) ?? true);
}

/** The sections shown now, re-rendering when what decides it changes. */
export function useShownSections(tab: MenuTab | null): MainSection[] {
  const shown = useAppStore((s) => MAIN_SECTIONS.map((section) => sectionShown(section, tab, s)).join());
  return MAIN_SECTIONS.filter((_, i) => shown.split(',')[i] === 'true');
}
