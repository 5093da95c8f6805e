/**
 * A green counter (unread messages, new voicemails…): `99+` past 99, the label as its accessible name
 * and tooltip; nothing when the count is 0.
 */
import type { ReactElement } from 'react';
import { formatBadgeCount } from '../format';

export function CountBadge({
  count,
  label,
  testId,
}: {
  count: number;
  /** e.g. "3 unread" */
  label: string;
  testId: string;
}): ReactElement | null {
  if (count <= 0) return null;
  return (
    <span className="badge badge-green" data-testid={testId} data-count={count} aria-label={label} title={label}>
      {formatBadgeCount(count)}
    </span>
  );
}
