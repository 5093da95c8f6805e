/**
 * The green pickup button (SPEC D3) beside a colleague whose line rings: it
 * takes their call (`calls.pickup`). Nothing shows while their line does not
 * ring (or is not visible to us). `reveal`: in a row, it shows only on hover
 * or keyboard focus of the row (`reveal-host`, platform/ui/controls.css) yet
 * stays in the Tab order, so the keyboard reaches it too.
 */
import { PhoneIncoming } from 'lucide-react';
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { IconButton, type IconButtonProps } from '../../platform/ui/icon-button';
import { isRinging, useColleaguePresence } from '../presence';

export function PickupButton({
  number,
  name,
  reveal = false,
  attributes,
}: {
  /** the colleague's internal number (undefined: not a colleague, nothing shows) */
  number: string | undefined;
  name: string;
  reveal?: boolean;
  attributes?: IconButtonProps['attributes'];
}): ReactElement | null {
  const { t } = useTranslation();
  const presence = useColleaguePresence(number);
  const pickup = useAppStore((s) => s.pickup);
  const [busy, setBusy] = useState(false);
  if (number === undefined || !presence?.visible || !isRinging(presence.line)) return null;
  return (
    <IconButton
      icon={PhoneIncoming}
      label={t('pickup.button', { name })}
      testId="pickup"
      className={`btn-call btn-pickup icon-btn-small${reveal ? ' reveal-on-host' : ''}`}
      attributes={{ ...attributes, 'aria-disabled': busy || undefined, 'data-line': presence.line }}
      onPress={(ev) => {
        ev.stopPropagation();
        if (busy) return;
        setBusy(true);
        void pickup(number).finally(() => setBusy(false));
      }}
    />
  );
}
