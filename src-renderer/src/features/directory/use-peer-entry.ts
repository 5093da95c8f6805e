/**
 * The internal-directory entry of a peer number (for its photo and name),
 * looked up through the store when shown; undefined while unknown or for
 * external numbers.
 */
import { useEffect } from 'react';
import type { DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';
import { useAppStore } from '../../platform/store/use-app-store';

export function usePeerEntry(peer: string): DirectoryEntryView | undefined {
  const entry = useAppStore((s) => s.peerEntries[peer]);
  const loadPeerEntry = useAppStore((s) => s.loadPeerEntry);
  useEffect(() => {
    void loadPeerEntry(peer);
  }, [peer, loadPeerEntry]);
  return entry;
}
