/**
 * The compact call-popup page (`index.html#popup`, SPEC F2): the Electron
 * shell shows it in its own always-on-top, non-focusable window at the
 * bottom right. Only the ringing calls, nothing else; empty when no call
 * rings (the shell closes the window then). No autofocus.
 */
import type { ReactElement } from 'react';
import { useAppStore } from '../../platform/store/use-app-store';
import { IncomingCard } from './incoming-card';
import { Toasts } from '../desktop';

export function CallPopupView(): ReactElement {
  const ringing = useAppStore((s) => s.calls).filter((c) => c.state === 'ringing-in');
  return (
    <div className="popup-view" data-testid="popup-view" data-count={ringing.length}>
      {ringing.map((call) => (
        <IncomingCard key={call.id} call={call} testId="popup-call" />
      ))}
      <Toasts />
    </div>
  );
}
