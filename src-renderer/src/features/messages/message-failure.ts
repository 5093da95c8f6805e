/**
 * Why a message was not delivered, in the UI language (SPEC E6): the UC
 * server refuses with an error code (`MessageView.errorCode`) and an English
 * sentence (`MessageView.error`, kept only as a tooltip). Codes a user can
 * meet when sending get their own text; any other, or none (a message failed
 * before codes were stored), gets the generic one.
 */
export const MESSAGE_FAILURE_CODES = ['not-found', 'invalid-request', 'forbidden', 'conflict'] as const;
export type MessageFailureCode = (typeof MESSAGE_FAILURE_CODES)[number];

/** The i18n key of the "not delivered" text for a failed message's error code. */
export function messageFailureKey(code: string | undefined): `messages.failedReason.${MessageFailureCode | 'other'}` {
  const known = MESSAGE_FAILURE_CODES.find((c) => c === code);
  return `messages.failedReason.${known ?? 'other'}`;
}
