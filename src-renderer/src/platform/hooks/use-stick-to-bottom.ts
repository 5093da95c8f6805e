import { useEffect, useRef, type RefObject } from 'react';

/**
 * A scrolling list with its newest entry at the bottom (a conversation): scrolled to the bottom
 * whenever its number of entries changes, so what arrives is in sight. Put the ref on the list.
 */
export function useStickToBottom<E extends HTMLElement>(count: number): RefObject<E | null> {
  const ref = useRef<E>(null);
  useEffect(() => {
    const list = ref.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count]);
  return ref;
}
