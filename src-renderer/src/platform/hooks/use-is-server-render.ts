import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/** True while React renders to markup (no DOM: tests' static rendering), false in the page. */
export function useIsServerRender(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
}
