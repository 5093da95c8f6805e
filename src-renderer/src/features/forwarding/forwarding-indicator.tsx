/**
 * The header's sign that an immediate forwarding rule is on right now (SPEC
 * J3): where calls go, and a quick "off" (the rule is disabled, its target
 * kept for next time). Nothing while no immediate rule forwards calls.
 */
import { PhoneForwarded } from 'lucide-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { IconButton } from '../../platform/ui/icon-button';

export function ForwardingIndicator(): ReactElement | null {
  const { t } = useTranslation();
  const view = useAppStore((s) => s.forwarding);
  const off = useAppStore((s) => s.immediateForwardingOff);
  if (!view?.immediateActive || view.rules === null) return null;
  const { target } = view.rules.immediate;
  const where =
    target.kind === 'number'
      ? t('forwarding.header.toNumber', { number: target.number })
      : t(`forwarding.header.to.${target.kind}`);
  return (
    <span className="forwarding-indicator" data-testid="forwarding-indicator" role="status">
      <Icon name={PhoneForwarded} />
      <span className="forwarding-indicator-text">{where}</span>
      <IconButton
        icon="x-small"
        label={t('forwarding.header.off')}
        className="icon-btn-small"
        testId="forwarding-off"
        onPress={() => void off()}
      />
    </span>
  );
}
