/**
 * One entry of a list of conversations or events: a button with an optional picture, then two
 * lines — a name and a time, a one-line preview and what follows it (an unread counter, a
 * duration). Styled by summary-item.css; a feature adds its own class for its row height.
 */
import type { ReactElement, ReactNode } from 'react';
import { CountBadge } from './count-badge';

/** What is unread in the entry: a green counter after the preview, name and preview bold. */
export interface SummaryUnread {
  count: number;
  /** the counter's accessible name, e.g. "3 unread" */
  label: string;
  testId: string;
}

export interface SummaryItemProps {
  /** before the text, e.g. the contact's photo */
  picture?: ReactNode;
  name: string;
  time: string;
  preview: ReactNode;
  /** after the preview, e.g. a duration */
  trailing?: ReactNode;
  unread?: SummaryUnread;
  /** classes after `summary-item` */
  className: string;
  testId: string;
  previewTestId?: string;
  /** `data-*` attributes of the button, for tests and styles */
  data?: Record<`data-${string}`, string | number | undefined>;
  onPress(): void;
}

export function SummaryItem({
  picture,
  name,
  time,
  preview,
  trailing,
  unread,
  className,
  testId,
  previewTestId,
  data,
  onPress,
}: SummaryItemProps): ReactElement {
  return (
    <button
      type="button"
      className={`summary-item ${className}${unread !== undefined && unread.count > 0 ? ' has-unread' : ''}`}
      data-testid={testId}
      {...data}
      onClick={onPress}
    >
      {picture}
      <span className="summary-body">
        <span className="summary-line">
          <span className="peer-name">{name}</span>
          <span className="summary-time muted">{time}</span>
        </span>
        <span className="summary-line">
          <span className="summary-preview muted" data-testid={previewTestId}>
            {preview}
          </span>
          {trailing}
          {unread !== undefined && <CountBadge {...unread} />}
        </span>
      </span>
    </button>
  );
}
