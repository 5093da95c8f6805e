import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { PresenceStateDot } from './presence-dot';
import { PresenceEditor } from './presence-editor';
import { useDateFormat } from '../settings';
import { useServerAction } from '../session';

/**
 * The own presence in the header (SPEC B1): dot + state (+ "until …" and the
 * note in the tooltip); a click opens the editor (state, return time, note,
 * visibility). Disabled until the engine knows the presence.
 */
export function PresenceSelector(): ReactElement {
  const { t } = useTranslation();
  const presence = useAppStore((s) => s.presence);
  const editorOpen = useAppStore((s) => s.presenceEditorOpen);
  const open = useAppStore((s) => s.openPresenceEditor);
  const { dateTime } = useDateFormat();
  // the presence is kept on the UC server (all devices show the same): no change while it is away
  const server = useServerAction();

  const stateLabel = presence ? t(`presenceState.state.${presence.state}`) : t('presenceState.unknown');
  const until = presence?.returnAt !== undefined ? t('presenceState.until', { time: dateTime(presence.returnAt) }) : '';
  const tooltip = [t('presenceState.current', { state: stateLabel }), until, presence?.note ?? '']
    .filter((part) => part !== '')
    .join(' — ');
  return (
    <>
      <button
        type="button"
        className="presence-button"
        data-testid="presence-button"
        data-state={presence?.state ?? 'unknown'}
        disabled={presence === null}
        aria-haspopup="dialog"
        aria-expanded={editorOpen}
        aria-label={`${tooltip}. ${server.offline ? t('offline.needsServer') : t('presenceState.change')}`}
        title={tooltip}
        {...server.props}
        onClick={() => {
          if (!server.offline) open();
        }}
      >
        {presence ? (
          <PresenceStateDot state={presence.state} decorative />
        ) : (
          <span className="presence-state-dot presence-group-unknown" aria-hidden="true" />
        )}
        <span className="presence-label" data-testid="presence-current">
          {stateLabel}
        </span>
        {until && (
          <span className="presence-until" data-testid="presence-until">
            {until}
          </span>
        )}
        {presence?.note && (
          <span className="presence-note" data-testid="presence-note-shown">
            {presence.note}
          </span>
        )}
      </button>
      {editorOpen && presence && <PresenceEditor current={presence} />}
    </>
  );
}
