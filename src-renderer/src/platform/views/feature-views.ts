/**
 * What a feature shows, declared by the feature itself (its `RendererFeature.views`):
 * main-view sections, Menu tabs (icon and green counter), the counters beside
 * the user's name, overlays, Settings sections and their blocks. app/feature-views.ts gathers every registered
 * feature's contributions and orders them; app/ never names a feature's view.
 *
 * `order` places a contribution among the others of its list, lower first.
 * Two contributions to one list never share an order or an id (app/ throws at
 * start-up), so where a new view lands is written where the view is
 * declared. The numbers are spaced by 10 to leave room in between.
 */
import type { ComponentType } from 'react';
import type { AppState, MenuTab } from '../store/app-state';
import type { IconSource } from '../ui/icon';

/** Props every main-view section and overlay gets. */
export interface MainViewProps {
  /** the Details view's side pane is shown (a contact or a history row opens there, not in a sheet) */
  split: boolean;
}

/** One section of the main view (SPEC A6, DESIGN "Layout"). */
export interface MainSection {
  id: string;
  order: number;
  /** 'top': the row under the header (Search/Dial field, contacts toolbar); 'body': below it */
  region: 'top' | 'body';
  /** Menu view: the tabs that show it (absent: every tab) */
  tabs?: readonly MenuTab[];
  /** List and Details views: whether it shows (absent: always; `false`: only in the Menu view) */
  inList?: ((state: AppState) => boolean) | false;
  /** Menu view: whether it shows on its tab (absent: always) */
  inMenu?: (state: AppState) => boolean;
  /** class of a wrapper around it, if any */
  wrapper?: string;
  Component: ComponentType<MainViewProps>;
}

/**
 * One icon of the Menu view's bar. Its name is the i18n key `menu.<tab>`
 * (the feature's strings), its test id `menu-<tab>`. Settings always comes
 * last (the app shell adds it).
 */
export interface MenuTabItem {
  tab: MenuTab;
  order: number;
  icon: IconSource;
  /** the green counter on the icon, shown above zero */
  badge?: {
    testId: string;
    count(state: AppState): number;
    /** also said in the button's accessible name (i18n key with {{count}}) */
    labelKey?: string;
  };
}

/**
 * A counter beside the user's name (SPEC A6/G4), in the header and in the
 * collapsed bar, in every view: green, shown above zero, a button to what it
 * counts. Test ids `<id>-counter` in the header, `collapsed-<id>` in the bar;
 * `data-count` is the count.
 */
export interface HeaderCounter {
  id: string;
  order: number;
  icon: IconSource;
  count(state: AppState): number;
  /** its accessible name and tooltip (i18n key with {{count}}) */
  labelKey: string;
  /** opens what it counts */
  open(state: AppState): void;
}

/** A sheet or popup over the main view; `order` is the stacking order (later is above). */
export interface Overlay {
  id: string;
  order: number;
  Component: ComponentType<MainViewProps>;
}

/**
 * The Settings screen's sections, by id. The feature that declares a section
 * adds its id the same way as a Menu tab,
 *
 *   declare module '../../platform/views/feature-views' {
 *     interface SettingsSections { sync: true }
 *   }
 *
 * so a block naming a section nobody declares does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the features (declaration merging)
export interface SettingsSections {}
export type SettingsSectionId = keyof SettingsSections;

/** A section of the Settings screen: a heading (`settings-<id>` is its id) over its blocks. */
export interface SettingsSection {
  id: SettingsSectionId;
  order: number;
  /** i18n key of the heading (none: a section without a title) */
  title?: { key: string; values?: Record<string, unknown> };
}

/** One block of a Settings section, from whichever feature owns the setting. */
export interface SettingsBlock {
  id: string;
  section: SettingsSectionId;
  /** among the blocks of its section */
  order: number;
  Component: ComponentType;
}

/** Everything a feature shows beyond its own components' insides. */
export interface FeatureViews {
  mainSections?: readonly MainSection[];
  menuTabs?: readonly MenuTabItem[];
  headerCounters?: readonly HeaderCounter[];
  overlays?: readonly Overlay[];
  settingsSections?: readonly SettingsSection[];
  settingsBlocks?: readonly SettingsBlock[];
}
