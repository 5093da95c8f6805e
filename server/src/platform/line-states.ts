import type { LineState } from '../../../src-preload/contract/presence';

/**
 * Each internal number's line state (SPEC B4 busy lamp) as this server knows it now: written by
 * the lamps feature (from Kamailio's dialog and registration events), read by GET /presence under
 * the presence visibility. One per server (`ServerContext.lines`), in memory: Kamailio is the
 * source of truth and the lamps feature reconciles from it at start.
 */
export class LineStateBoard {
  readonly #lines = new Map<string, LineState>();

  /** The line of `number`; undefined = not known (no news from the SIP server yet). */
  lineOf(number: string): LineState | undefined {
    return this.#lines.get(number);
  }

  /** Records the line of `number`; true when it differs from what was known. */
  set(number: string, line: LineState | undefined): boolean {
    if (this.#lines.get(number) === line) return false;
    if (line === undefined) this.#lines.delete(number);
    else this.#lines.set(number, line);
    return true;
  }
}
