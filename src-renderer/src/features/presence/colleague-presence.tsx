/**
 * A colleague's presence where they appear (SPEC B4; DESIGN "presence colours
 * used everywhere the same way"): their photo with the presence dot and the
 * busy lamp (`ColleagueAvatar`), and the line with state, return time and
 * note. Live: the slice follows the engine's events. A user who is not
 * visible to us (SPEC B3), an external contact, or a presence not known yet
 * is a hollow grey dot, no lamp and no line.
 */
import { Phone, Unplug } from 'lucide-react';
import { useEffect, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { presenceGroupOf, type PresenceOf } from '../../../../src-preload/contract/presence';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { useDateFormat } from '../settings';
import { lampOf } from './line-lamp';
import { PresenceStateDot } from './presence-dot';

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

/**
 * A colleague's photo (`children`: the directory's avatar) with their busy
 * lamp around it (see line-lamp.ts) and their presence dot on it. Without a
 * number, the dot says "presence unknown" (`markUnknown`, search results and
 * favorites) or nothing is added. `lamp={false}` where their line is no news
 * (the other party of one's own call is on the phone with us).
 */
export function ColleagueAvatar({
  number,
  children,
  lamp = true,
  markUnknown = true,
}: {
  number: string | undefined;
  children: ReactNode;
  lamp?: boolean;
  markUnknown?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const presence = useColleaguePresence(number);
  const line = lamp && presence?.visible ? presence.line : undefined;
  const { kind, party, labelKey } = lampOf(line);
  const label = kind !== 'none' && labelKey ? t(labelKey) : undefined;
  return (
    <span
      className={`result-avatar colleague-avatar lamp-${kind}${party ? ` lamp-${party}` : ''}`}
      data-testid="colleague-avatar"
      data-line={line ?? 'none'}
      data-lamp={kind}
      data-party={party}
      title={label}
    >
      {children}
      {(kind === 'ringing' || kind === 'busy') && <span className="lamp-ring" aria-hidden="true" />}
      {kind === 'busy' && (
        <span className="lamp-badge" aria-hidden="true">
          <Icon name={Phone} />
        </span>
      )}
      {kind === 'offline' && (
        <span className="lamp-badge" aria-hidden="true">
          <Icon name={Unplug} />
        </span>
      )}
      {(number !== undefined || markUnknown) && <ColleaguePresenceDot number={number} withLine={lamp} />}
    </span>
  );
}

/**
 * The dot over a photo: the state's colour, or hollow grey when not visible or
 * not known. Its label names the line's state too (`withLine`), so every lamp
 * — idle included — is spoken and has a tooltip.
 */
export function ColleaguePresenceDot({
  number,
  withLine = true,
}: {
  number: string | undefined;
  withLine?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const presence = useColleaguePresence(number);
  const description = useDescription(presence);
  const group = presence?.visible && presence.state !== undefined ? presenceGroupOf(presence.state) : 'unknown';
  const lineKey = withLine && presence?.visible ? lampOf(presence.line).labelKey : undefined;
  // as for the own avatar: no colour claims "available" for someone no phone of whom can ring
  const offline = withLine && presence?.visible === true && lampOf(presence.line).kind === 'offline';
  const label = description
    ? [description.state, lineKey ? t(lineKey) : '', description.until, description.note]
        .filter((s) => s !== '')
        .join(' — ')
    : t('presence.unknown');
  return (
    <span
      className={`presence-dot presence-badge presence-group-${group}${offline ? ' is-offline' : ''}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="colleague-presence-dot"
      data-group={group}
      data-state={presence?.visible ? presence.state : 'unknown'}
    />
  );
}

/** State · line (when not idle) · until … · note under a colleague's name (nothing when not visible). */
export function ColleaguePresenceLine({
  number,
  withLine = true,
  dot = false,
}: {
  number: string | undefined;
  withLine?: boolean;
  /** the state's dot before its name (where no photo carries it, e.g. the calls panel) */
  dot?: boolean;
}): ReactElement | null {
  const { t } = useTranslation();
  const presence = useColleaguePresence(number);
  const description = useDescription(presence);
  if (!description) return null;
  const lamp = lampOf(withLine ? presence?.line : undefined);
  return (
    <span className="colleague-presence muted" data-testid="colleague-presence" data-state={presence?.state}>
      {dot && presence?.state !== undefined && <PresenceStateDot state={presence.state} decorative />}
      <span className="colleague-presence-state">{description.state}</span>
      {lamp.kind !== 'none' && lamp.labelKey && (
        <span className={`colleague-presence-line lamp-text-${lamp.kind}`} data-testid="colleague-line">
          {t(lamp.labelKey)}
        </span>
      )}
      {description.until && <span className="colleague-presence-until">{description.until}</span>}
      {description.note && <span className="colleague-presence-note">{description.note}</span>}
    </span>
  );
}
