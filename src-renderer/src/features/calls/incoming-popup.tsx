/**
 * Incoming-call popups over the page (SPEC F2), bottom-right, following the
 * popup-visibility setting (see the desktop feature's popup/popup-visibility.ts): '5s'/'10s' hide
 * the popup after that time while the call keeps ringing (it stays in the
 * calls panel with Answer/Reject); 'minimized-only' shows it only while the
 * page is hidden, i.e. never visibly in the web shell (Electron has its own
 * popup window for that). They never take keyboard focus (no autofocus), so
 * typing in the dial field is not interrupted.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { isPopupVisible } from '../desktop';
import { useAppStore } from '../../platform/store/use-app-store';
import { IncomingCard } from './incoming-card';

export function IncomingPopups(): ReactElement | null {
  const calls = useAppStore((s) => s.calls);
  const visibility = useAppStore((s) => s.settings.popupVisibility);
  const elapsed = useAppStore((s) => s.ringingElapsed);
  const pageHidden = usePageHidden();
  // the store ticks ringingElapsed at 5 s and 10 s of ringing
  const shown = calls.filter(
    (c) => c.state === 'ringing-in' && isPopupVisible({ visibility, seenAt: 0, now: elapsed[c.id] ?? 0, pageHidden }),
  );
  if (shown.length === 0) return null;
  return (
    <div className="incoming-stack">
      {shown.map((call) => (
        <IncomingCard key={call.id} call={call} testId="incoming-popup" />
      ))}
    </div>
  );
}

function usePageHidden(): boolean {
  const [hidden, setHidden] = useState(() => document.visibilityState === 'hidden');
  useEffect(() => {
    const onChange = () => setHidden(document.visibilityState === 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return hidden;
}
