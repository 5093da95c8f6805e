/** Ctrl+D opens the keypad of the current call (SPEC F3), wherever the focus is in the main view. */
import { useEffect } from 'react';
import type { CallView } from '../../../../src-preload/contract/ipc-contract';
import { useAppStore } from '../../platform/store/use-app-store';

export function useKeypadShortcut(): void {
  const calls = useAppStore((s) => s.calls);
  const openKeypad = useAppStore((s) => s.openKeypad);
  useEffect(() => {
    const onKeyDown = (ev: KeyboardEvent) => {
      if (!(ev.ctrlKey || ev.metaKey) || ev.altKey || ev.key.toLowerCase() !== 'd') return;
      const call = currentCall(calls);
      if (!call) return;
      // Ctrl+D would otherwise bookmark the page in a browser
      ev.preventDefault();
      openKeypad(call.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [calls, openKeypad]);
}

/** The call the keypad shortcut applies to: the connected one. */
function currentCall(calls: CallView[]): CallView | undefined {
  return calls.find((c) => c.state === 'established');
}
