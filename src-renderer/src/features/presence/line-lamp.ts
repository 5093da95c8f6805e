/**
 * The busy lamp of a colleague's line (SPEC B4, D3; DESIGN "Busy-lamp ring
 * around the photo"): what each connection state draws around their photo.
 * One definition, read by `ColleagueAvatar` and the unit tests.
 *
 * - ringing: a ring circle blinking around the photo, yellow for an internal
 *   caller, orange for an external one (steady under prefers-reduced-motion);
 *   only then can the call be picked up;
 * - calling / talking: a steady busy ring with a handset badge (calling:
 *   dashed, their call is not answered yet);
 * - unregistered: no device can ring — the photo greyed with a plug badge,
 *   never mistaken for idle;
 * - idle, or no line state (not visible to us, not known): nothing extra.
 */
import type { LineState } from '../../../../src-preload/contract/presence';
import { assertNever } from '../../../../src-preload/contract/platform';

export type LampKind = 'none' | 'ringing' | 'busy' | 'offline';

export interface Lamp {
  kind: LampKind;
  /** ringing/talking: whether the other party is a user of the UC server ('internal') or anyone else */
  party?: 'internal' | 'external';
  /** i18n key naming the state (tooltip, accessible label); absent without a line state */
  labelKey?: `lamp.${LineState}`;
}

export function lampOf(line: LineState | undefined): Lamp {
  if (line === undefined) return { kind: 'none' };
  const labelKey = `lamp.${line}` as const;
  switch (line) {
    case 'idle':
      return { kind: 'none', labelKey };
    case 'unregistered':
      return { kind: 'offline', labelKey };
    case 'ringing-internal':
      return { kind: 'ringing', party: 'internal', labelKey };
    case 'ringing-external':
      return { kind: 'ringing', party: 'external', labelKey };
    case 'calling':
      return { kind: 'busy', labelKey };
    case 'talking-internal':
      return { kind: 'busy', party: 'internal', labelKey };
    case 'talking-external':
      return { kind: 'busy', party: 'external', labelKey };
    default:
      return assertNever(line, 'unknown line state');
  }
}

/** Whether a call rings at that line and may be picked up (SPEC D3). */
export function isRinging(line: LineState | undefined): boolean {
  return lampOf(line).kind === 'ringing';
}
