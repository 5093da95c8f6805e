/**
 * What the favorites feature shows in the app shell (SPEC D1): its own Menu
 * tab (star), and in the List and Details views a section above the messages.
 */
import { Star } from 'lucide-react';
import type { FeatureViews } from '../../platform/views/feature-views';
import { FavoritesList } from './favorites-list';

export const favoritesViews: FeatureViews = {
  mainSections: [
    {
      id: 'favorites',
      order: 55,
      region: 'body',
      tabs: ['favorites'],
      wrapper: 'main-favorites',
      Component: FavoritesList,
    },
  ],
  menuTabs: [{ tab: 'favorites', order: 15, icon: Star }],
};
