/**
 * The counters of SPEC A6/G4 beside the user's name, in every view: missed
 * calls, unread instant messages, new voice messages (green, SPEC E1). Each
 * is a button to what it counts — the history, the first conversation with
 * unread messages, the voicemail list — and shows nothing at zero.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { totalUnread } from '../features/messages';
import { useAppStore } from '../platform/store/use-app-store';
import { newVoicemailCount } from '../features/voicemail';
import { Icon, type IconName } from '../platform/ui/icon';

/** @param place test ids: `missed-counter`, `unread-counter`, `voicemail-counter` in the header; `collapsed-…` in the collapsed bar */
export function HeaderCounters({ place }: { place: 'header' | 'collapsed' }): ReactElement | null {
  const { t } = useTranslation();
  const missed = useAppStore((s) => s.missedCalls);
  const unread = useAppStore((s) => totalUnread(s.conversations));
  const firstUnreadPeer = useAppStore((s) => s.conversations.find((c) => c.unread > 0)?.peer);
  const voicemails = useAppStore((s) => newVoicemailCount(s.voicemails));
  const openHistory = useAppStore((s) => s.openHistory);
  const openConversation = useAppStore((s) => s.openConversation);
  const openVoicemail = useAppStore((s) => s.openVoicemail);
  if (missed <= 0 && unread <= 0 && voicemails <= 0) return null;
  const id = (what: 'missed' | 'unread' | 'voicemail') =>
    place === 'header' ? `${what}-counter` : `collapsed-${what}`;
  return (
    <div className="header-counters" role="group" aria-label={t('counters.label')}>
      <Counter
        testId={id('missed')}
        icon="phone-missed"
        count={missed}
        label={t('missed.badge', { count: missed })}
        onClick={openHistory}
      />
      <Counter
        testId={id('unread')}
        icon="message"
        count={unread}
        label={t('counters.unread', { count: unread })}
        onClick={() => {
          if (firstUnreadPeer !== undefined) void openConversation(firstUnreadPeer);
        }}
      />
      <Counter
        testId={id('voicemail')}
        icon="voicemail"
        count={voicemails}
        label={t('counters.voicemail', { count: voicemails })}
        onClick={() => {
          openVoicemail();
          // List/Details views show the voicemail section inline: bring it into view
          document.getElementById('voicemail-heading')?.scrollIntoView({ block: 'nearest' });
        }}
      />
    </div>
  );
}

function Counter({
  testId,
  icon,
  count,
  label,
  onClick,
}: {
  testId: string;
  icon: IconName;
  count: number;
  label: string;
  onClick(): void;
}): ReactElement | null {
  if (count <= 0) return null;
  return (
    <button
      type="button"
      className="badge badge-green counter-badge"
      data-testid={testId}
      data-count={count}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <Icon name={icon} />
      <span>{count > 99 ? '99+' : count}</span>
    </button>
  );
}
