import type { DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';

/** A colleague's internal number (internal directory): their presence and instant messages go by it. */
export function colleagueNumberOf(entry: DirectoryEntryView): string | undefined {
  return entry.source === 'internal' ? entry.numbers.find((n) => n.kind === 'internal')?.number : undefined;
}
