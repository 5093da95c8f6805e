/**
 * The renderer's features, one line each: their slices make the one store,
 * their events and loads keep it in sync with the engine, their strings make
 * the i18n resources. A new domain is a folder under features/ and one line
 * here (its views are entries of the registries beside this file).
 */
import { callsFeature } from '../features/calls';
import { conversationsFeature } from '../features/conversations';
import { conferencesFeature } from '../features/conferences';
import { desktopFeature } from '../features/desktop';
import { directoryFeature } from '../features/directory';
import { favoritesFeature } from '../features/favorites';
import { forwardingFeature } from '../features/forwarding';
import { messagesFeature } from '../features/messages';
import { presenceFeature } from '../features/presence';
import { profileFeature } from '../features/profile';
import { sessionFeature } from '../features/session';
import { settingsFeature } from '../features/settings';
import { voicemailFeature } from '../features/voicemail';
import type { RendererFeature } from '../platform/store/renderer-feature';

export const FEATURES: readonly RendererFeature[] = [
  settingsFeature,
  sessionFeature,
  callsFeature,
  directoryFeature,
  favoritesFeature,
  forwardingFeature,
  desktopFeature,
  messagesFeature,
  presenceFeature,
  voicemailFeature,
  conversationsFeature,
  conferencesFeature,
  profileFeature,
];
