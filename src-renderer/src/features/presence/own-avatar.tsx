/**
 * The user's own initials in the header and the collapsed bar, ringed with
 * their presence colour (DESIGN "Header": initials with a presence ring). The
 * ring is hollow grey while the presence is not known or the phone is not
 * registered: green must never claim "available" for a user nobody can call.
 */
import type { ReactElement } from 'react';
import { presenceGroupOf } from '../../../../src-preload/contract/presence';
import { initialsOf } from '../directory';
import { useAppStore } from '../../platform/store/use-app-store';

export function OwnAvatar({ small = false, label }: { small?: boolean; label?: string }): ReactElement {
  const user = useAppStore((s) => s.session.user);
  const displayName = useAppStore((s) => s.session.displayName);
  const registered = useAppStore((s) => s.session.status === 'registered');
  const presence = useAppStore((s) => s.presence);
  const ring = registered && presence ? presenceGroupOf(presence.state) : null;
  const className = `avatar${small ? ' avatar-small' : ''}${ring ? ` ring-${ring}` : ''}`;
  const initials = displayName ? initialsOf(displayName) : user?.slice(-2);
  return label === undefined ? (
    <span className={className} data-testid="own-avatar" data-ring={ring ?? 'none'} aria-hidden="true">
      {initials}
    </span>
  ) : (
    <span
      className={className}
      data-testid="own-avatar"
      data-ring={ring ?? 'none'}
      role="img"
      aria-label={label}
      title={label}
    >
      {initials}
    </span>
  );
}
