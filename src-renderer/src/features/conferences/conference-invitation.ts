/**
 * Invitations to a conference (SPEC I5): the text (in the user's language) with the dial-in
 * number and a PIN — the guest PIN for "everyone", the participant's personal PIN for one —
 * as a `mailto:` link for the user's mail program, or for the clipboard.
 */
import type { Conference, ConferenceParticipant } from '../../../../src-preload/contract/conferences';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface Invitation {
  subject: string;
  body: string;
}

/** The invitation to `conference` with `pin`; addressed to `to` when given (a participant). */
export function invitationText(
  t: Translate,
  conference: Pick<Conference, 'name' | 'dialIn'>,
  pin: string,
  to?: Pick<ConferenceParticipant, 'name'>,
): Invitation {
  return {
    subject: t('conferences.invitation.subject', { name: conference.name }),
    body: [
      to ? t('conferences.invitation.hello', { name: to.name }) : t('conferences.invitation.helloAll'),
      '',
      t('conferences.invitation.invited', { name: conference.name }),
      t('conferences.invitation.dial', { number: conference.dialIn }),
      t('conferences.invitation.pin', { pin }),
    ].join('\n'),
  };
}

/** `mailto:` link (RFC 6068) to `to` (may be empty: the user picks), with subject and body. */
export function mailtoUrl(to: readonly string[], invitation: Invitation): string {
  // '@' stays as is in an addr-spec (RFC 6068 §2); everything else reserved is escaped
  const address = to.map((a) => encodeURIComponent(a).replace(/%40/g, '@')).join(',');
  return `mailto:${address}?subject=${encodeURIComponent(invitation.subject)}&body=${encodeURIComponent(invitation.body)}`;
}
