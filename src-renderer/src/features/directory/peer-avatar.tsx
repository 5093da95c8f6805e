/**
 * The avatar of a call's other party: their internal-directory photo when the
 * number is a colleague's, otherwise initials.
 */
import type { ReactElement } from 'react';
import { EntryAvatar } from './entry-avatar';
import { usePeerEntry } from './use-peer-entry';

export function PeerAvatar({ peer, name, large }: { peer: string; name: string; large?: boolean }): ReactElement {
  const entry = usePeerEntry(peer);
  return <EntryAvatar name={name} entryId={entry?.id} photoUrl={entry?.photoUrl} large={large} />;
}
