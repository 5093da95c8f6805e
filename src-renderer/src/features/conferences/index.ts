/** Conferences feature: the user's rooms, create, join with one click, moderate. See README.md. */
import { Presentation } from 'lucide-react';
import type { RendererFeature } from '../../platform/store/renderer-feature';
import type { FeatureViews } from '../../platform/views/feature-views';
import { ConferencesView } from './conferences-view';
import { createConferencesSlice } from './conferences-slice';
import './conferences.css';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

export type { ConferencesSlice } from './conferences-slice';

const views: FeatureViews = {
  mainSections: [
    { id: 'conferences', order: 75, region: 'body', tabs: ['conferences'], inList: false, Component: ConferencesView },
  ],
  menuTabs: [
    {
      tab: 'conferences',
      order: 45,
      // its own icon: Users is the Contacts tab's
      icon: Presentation,
      badge: {
        testId: 'menu-conferences-active',
        count: (s) => s.conferences.filter((c) => c.activeCount > 0).length,
      },
    },
  ],
};

export const conferencesFeature: RendererFeature = {
  id: 'conferences',
  slices: ({ uc }) => [createConferencesSlice(uc)],
  events: (uc, store) => [uc.on('conferences.onDidChange', (view) => store.getState().setConferences(view))],
  load: (s) => void s.refreshConferences(),
  sessionCleared: { conferences: [], conferencesLoaded: false, conferencesError: null },
  i18n: { en, fr },
  views,
};
