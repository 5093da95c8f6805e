/** What the voicemail feature shows in the app shell: the mailbox (Menu tab Voicemail) and its counter. */
import type { FeatureViews } from '../../platform/views/feature-views';
import { VoicemailList } from './voicemail-list';
import { newVoicemailCount } from './voicemail-slice';

export const voicemailViews: FeatureViews = {
  mainSections: [
    // SPEC H1: its own tab in the Menu view; above the history elsewhere once there are messages
    {
      id: 'voicemail',
      order: 70,
      region: 'body',
      tabs: ['voicemail'],
      inList: (s) => s.voicemails.length > 0,
      wrapper: 'main-voicemail',
      Component: VoicemailList,
    },
  ],
  menuTabs: [
    {
      tab: 'voicemail',
      order: 40,
      icon: 'voicemail',
      badge: { testId: 'menu-voicemail-new', count: (s) => newVoicemailCount(s.voicemails) },
    },
  ],
  headerCounters: [
    {
      id: 'voicemail',
      order: 30,
      icon: 'voicemail',
      count: (s) => newVoicemailCount(s.voicemails),
      labelKey: 'counters.voicemail',
      open: (s) => {
        s.openVoicemail();
        // List/Details views show the voicemail section inline: bring it into view
        document.getElementById('voicemail-heading')?.scrollIntoView({ block: 'nearest' });
      },
    },
  ],
};
