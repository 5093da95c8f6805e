import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { presenceGroupOf, type PresenceStateName } from '../../../../src-preload/contract/presence';

/**
 * A coloured dot for a presence state (SPEC B1): green available, red busy,
 * amber away, grey absent. Labelled for assistive technology unless
 * `decorative` (when the state's name is written next to it).
 */
export function PresenceStateDot({
  state,
  decorative = false,
}: {
  state: PresenceStateName;
  decorative?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const group = presenceGroupOf(state);
  return decorative ? (
    <span className={`presence-state-dot presence-group-${group}`} aria-hidden="true" data-group={group} />
  ) : (
    <span
      className={`presence-state-dot presence-group-${group}`}
      role="img"
      aria-label={t(`presenceState.state.${state}`)}
      title={t(`presenceState.state.${state}`)}
      data-group={group}
    />
  );
}
