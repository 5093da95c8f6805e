/**
 * The internal-directory entry of a peer number (for its photo), looked up in
 * the engine's cache (`directory.get` of `internal:<number>`); undefined while
 * unknown or for external numbers.
 */
import { useEffect, useState } from 'react';
import type { DirectoryEntryView } from '../../../src-preload/contract/ipc-contract';
import { getUc } from '../bridge/get-uc';

export function useInternalEntry(peer: string): DirectoryEntryView | undefined {
  const [entry, setEntry] = useState<{ peer: string; value: DirectoryEntryView } | undefined>(undefined);
  useEffect(() => {
    // internal numbers are short digit strings; anything else cannot be in the internal directory
    if (!/^\d{2,8}$/.test(peer)) return;
    let live = true;
    getUc()
      .invoke('directory.get', { id: `internal:${peer}` })
      .then(
        (result) => {
          if (live && result.ok) setEntry({ peer, value: result.value });
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [peer]);
  return entry?.peer === peer ? entry.value : undefined;
}
