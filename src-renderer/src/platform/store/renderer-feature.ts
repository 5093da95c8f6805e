/**
 * What a renderer feature hands to the app (registered in one line in
 * app/feature-registry.ts): its slices, the engine events it listens to,
 * what it loads after (re)connecting, what one user's session leaves in it,
 * its strings, its web notifications and its views (main-view sections, Menu tabs, overlays,
 * Settings sections and blocks, each with its place: ../views/feature-views.ts).
 */
import type { Language, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { WebNotifierDeps } from '../browser-notifier';
import type { FeatureViews } from '../views/feature-views';
import type { AppState, AppStore, SliceCreator } from './app-state';
import type { StoreDeps } from './store-deps';

/** A feature's strings in one language (nested objects of strings). */
export type Translations = Readonly<Record<string, unknown>>;

export interface FeatureContext {
  uc: UcApi;
  deps: StoreDeps;
  initialLanguage: Language;
}

export interface RendererFeature {
  id: string;
  /** Spread into the one store, in registry order. */
  slices(context: FeatureContext): readonly SliceCreator<object>[];
  /** Subscribes the store to the engine's events; returns the disposers. */
  events?(uc: UcApi, store: AppStore): readonly (() => void)[];
  /** Reads what the feature shows from the engine: at start, after a reconnect, when a session begins or ends. */
  load?(state: AppState): void;
  /** One user's data and views, emptied when their session ends (issue 8, a PC shared by several users). */
  sessionCleared?: Partial<AppState>;
  /** Its strings: top-level sections of the one i18next namespace, same keys in both languages. */
  i18n: { en: Translations; fr: Translations };
  /**
   * The web shell's browser notifications (SPEC G4/H; Electron raises native
   * ones from the main process): called after every store change.
   */
  webNotify?(previous: AppState, state: AppState, browser: WebNotifierDeps, store: AppStore): void;
  /** What it shows in the app shell, each with its place among the other features' views. */
  views?: FeatureViews;
}
