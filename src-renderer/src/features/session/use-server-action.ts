/**
 * While the UC server cannot be reached (SPEC A4, K) the cached directory,
 * conversations, voicemail list and history stay readable and searchable;
 * only what needs the server stops. Such a control stays visible and
 * focusable (aria-disabled, not disabled: a disabled button shows no
 * tooltip and is skipped by the keyboard) and its tooltip says why it does
 * nothing; its handler checks `offline` first.
 */
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';

export interface ServerAction {
  /** the UC server is unreachable: the action must not run */
  offline: boolean;
  /** spread on the control: aria-disabled + the reason as tooltip while offline, nothing otherwise */
  props: { 'aria-disabled'?: true; title?: string; 'data-needs-server'?: 'offline' };
}

export function useServerAction(): ServerAction {
  const { t } = useTranslation();
  const offline = useAppStore((s) => s.session.ucConnection === 'offline');
  return {
    offline,
    props: offline ? { 'aria-disabled': true, title: t('offline.needsServer'), 'data-needs-server': 'offline' } : {},
  };
}
