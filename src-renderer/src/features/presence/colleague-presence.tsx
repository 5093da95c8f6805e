/**
 * A colleague's presence where they appear (SPEC B4; DESIGN "presence colours
 * used everywhere the same way"): the dot on their photo and the line with
 * state, return time and note. Live: the slice follows the engine's events.
 * A user who is not visible to us (SPEC B3), an external contact, or a
 * presence not known yet is a hollow grey dot and no line.
 */
import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { presenceGroupOf, type PresenceOf } from '../../../../src-preload/contract/presence';
import { useAppStore } from '../../platform/store/use-app-store';
import { useDateFormat } from '../settings';

/** The presence of `number` as far as it may be seen, watched while the component shows (undefined: none). */
export function useColleaguePresence(number: string | undefined): PresenceOf | undefined {
  const watch = useAppStore((s) => s.watchPresence);
  useEffect(() => {
    if (number !== undefined) watch([number]);
  }, [number, watch]);
  return useAppStore((s) => (number === undefined ? undefined : s.othersPresence[number]));
}

/** "Meeting — until 14:30 — Budget review" (empty for no visible presence). */
function useDescription(presence: PresenceOf | undefined): { state: string; until: string; note: string } | null {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  if (!presence?.visible || presence.state === undefined) return null;
  return {
    state: t(`presenceState.state.${presence.state}`),
    until: presence.returnAt !== undefined ? t('presenceState.until', { time: dateTime(presence.returnAt) }) : '',
    note: presence.note ?? '',
  };
}

/** The dot over a photo: the state's colour, or hollow grey when not visible or not known. */
export function ColleaguePresenceDot({ number }: { number: string | undefined }): ReactElement {
  const { t } = useTranslation();
  const presence = useColleaguePresence(number);
  const description = useDescription(presence);
  const group = presence?.visible && presence.state !== undefined ? presenceGroupOf(presence.state) : 'unknown';
  const label = description
    ? [description.state, description.until, description.note].filter((s) => s !== '').join(' — ')
    : t('presence.unknown');
  return (
    <span
      className={`presence-dot presence-badge presence-group-${group}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="colleague-presence-dot"
      data-group={group}
      data-state={presence?.visible ? presence.state : 'unknown'}
    />
  );
}

/** State · until … · note under a colleague's name (nothing when not visible). */
export function ColleaguePresenceLine({ number }: { number: string | undefined }): ReactElement | null {
  const presence = useColleaguePresence(number);
  const description = useDescription(presence);
  if (!description) return null;
  return (
    <span className="colleague-presence muted" data-testid="colleague-presence" data-state={presence?.state}>
      <span className="colleague-presence-state">{description.state}</span>
      {description.until && <span className="colleague-presence-until">{description.until}</span>}
      {description.note && <span className="colleague-presence-note">{description.note}</span>}
    </span>
  );
}
