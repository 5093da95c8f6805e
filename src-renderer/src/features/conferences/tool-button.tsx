/**
 * A small labelled button of the Conferences view: icon + text in a wide window; in the
 * 380 px window only the icon (the label stays its accessible name and its tooltip, DESIGN "Icons"), so a
 * room's actions fit on one line.
 */
import type { ReactElement } from 'react';
import { Button, Tooltip, TooltipTrigger } from 'react-aria-components';
import { TOOLTIP_DELAY_MS } from '../../platform/ui/icon-button';
import { Icon, type IconSource } from '../../platform/ui/icon';

export function ToolButton({
  icon,
  label,
  testId,
  onPress,
  className,
  keepLabel,
}: {
  icon: IconSource;
  label: string;
  testId: string;
  onPress(): void;
  /** extra classes after `btn btn-small tool-btn` */
  className?: string;
  /** show the text in narrow windows too */
  keepLabel?: boolean;
}): ReactElement {
  return (
    <TooltipTrigger delay={TOOLTIP_DELAY_MS} closeDelay={0}>
      <Button
        className={`btn btn-small tool-btn${keepLabel ? ' keep-label' : ''}${className ? ` ${className}` : ''}`}
        aria-label={label}
        onPress={onPress}
        data-testid={testId}
      >
        <Icon name={icon} />
        <span className="tool-btn-label">{label}</span>
      </Button>
      <Tooltip className="tooltip" offset={6}>
        {label}
      </Tooltip>
    </TooltipTrigger>
  );
}
