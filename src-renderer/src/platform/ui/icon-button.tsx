/**
 * A button showing only an icon (DESIGN "every icon button with a tooltip and
 * an accessible label"): the label is the accessible name and the tooltip,
 * which React Aria shows on hover and on keyboard focus and hides on Esc.
 *
 * A button that carries its own `title` (a control that needs the UC server
 * while it is away says why in it, see the session feature's useServerAction)
 * keeps that native tooltip instead of a second one.
 */
import type { ButtonHTMLAttributes, MouseEvent, ReactElement, Ref } from 'react';
import { Focusable, Tooltip, TooltipTrigger } from 'react-aria-components';
import { Icon, type IconSource } from './icon';

/** Hover time before a tooltip shows, ms (the browser's own `title` waits about as long). */
export const TOOLTIP_DELAY_MS = 700;

export interface IconButtonProps {
  icon: IconSource;
  /** accessible name and tooltip */
  label: string;
  testId?: string;
  /** a click or Enter/Space (not needed by a submit button) */
  onPress?(event: MouseEvent<HTMLButtonElement>): void;
  /** 'submit' in a form: Enter in its fields presses it too */
  type?: 'button' | 'submit';
  ref?: Ref<HTMLButtonElement>;
  /** classes after `icon-btn` (e.g. `icon-btn-small`, `btn-call`) */
  className?: string;
  /** a toggle: aria-pressed and the pressed look */
  pressed?: boolean;
  disabled?: boolean;
  /** a different tooltip than the label (e.g. why the settings button blinks) */
  tooltip?: string;
  /** extra attributes: data-*, aria-expanded/-controls/-describedby, aria-disabled + title while offline */
  attributes?: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'className' | 'children'> & {
    [data: `data-${string}`]: string | undefined;
  };
}

export function IconButton({
  icon,
  label,
  testId,
  onPress,
  className,
  pressed,
  disabled,
  tooltip,
  attributes = {},
  type = 'button',
  ref,
}: IconButtonProps): ReactElement {
  const button = (
    <button
      ref={ref}
      type={type}
      className={`icon-btn${className ? ` ${className}` : ''}${pressed ? ' is-pressed' : ''}`}
      data-testid={testId}
      aria-label={label}
      aria-pressed={pressed}
      disabled={disabled}
      {...attributes}
      onClick={onPress}
    >
      <Icon name={icon} />
    </button>
  );
  if (attributes.title !== undefined) return button;
  return (
    <TooltipTrigger delay={TOOLTIP_DELAY_MS} closeDelay={0}>
      <Focusable>{button}</Focusable>
      <Tooltip className="tooltip" offset={6}>
        {tooltip ?? label}
      </Tooltip>
    </TooltipTrigger>
  );
}
