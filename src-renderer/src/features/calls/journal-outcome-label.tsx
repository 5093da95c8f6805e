/**
 * The words of a journal row's outcome ({@link journalOutcome}): its label,
 * with the colleague who picked the call up named from the directory (his
 * number until the directory answers, or for a number it does not know).
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../platform/format';
import { usePeerEntry } from '../directory';
import type { JournalOutcome } from './journal-outcome';

export function JournalOutcomeLabel({ outcome }: { outcome: JournalOutcome }): ReactElement {
  const { t } = useTranslation();
  if (outcome.pickedUpBy !== undefined) return <PickedUpBy labelKey={outcome.labelKey} number={outcome.pickedUpBy} />;
  return <>{t(outcome.labelKey)}</>;
}

function PickedUpBy({ labelKey, number }: { labelKey: string; number: string }): ReactElement {
  const { t } = useTranslation();
  const entry = usePeerEntry(number);
  return <>{t(labelKey, { name: entry?.displayName ?? formatNumber(number) })}</>;
}
