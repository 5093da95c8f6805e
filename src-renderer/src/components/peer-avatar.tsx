/**
 * The avatar of a call's other party: their internal-directory photo when the
 * number is a colleague's, otherwise initials.
 */
import type { ReactElement } from 'react';
import { Avatar } from './avatar';
import { useInternalEntry } from './use-internal-entry';

export function PeerAvatar({ peer, name, large }: { peer: string; name: string; large?: boolean }): ReactElement {
  const entry = useInternalEntry(peer);
  return <Avatar name={name} entryId={entry?.id} photoUrl={entry?.photoUrl} large={large} />;
}
