/**
 * The renderer's one store state. It starts empty: every feature adds its
 * slice to it from its own slice file,
 *
 *   declare module '../../platform/store/app-state' {
 *     interface AppState extends CallsSlice {}
 *   }
 *
 * so a feature is a folder that registers itself (app/feature-registry.ts),
 * not a list edited in the platform. A name two slices both declare is a
 * compile error (one definition per fact).
 */
import type { StateCreator, StoreApi } from 'zustand';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the features (declaration merging)
export interface AppState {}

/**
 * The tabs of the Menu view's icon bar, by name; the features that own a
 * section add theirs the same way (`interface MenuTabs { history: true }`).
 * Their order, icons and counters are in the features' `views` (platform/views/feature-views.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the features (declaration merging)
export interface MenuTabs {}
export type MenuTab = keyof MenuTabs;

export type AppStore = StoreApi<AppState>;

/** One feature's slice: it sees (and may call) the whole state, and adds `T` to it. */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
