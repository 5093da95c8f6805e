/** The i18n key of a failed conference action (the codes the view has its own words for, else "other"). */
const KNOWN_ERRORS = new Set(['not-found', 'server-unreachable', 'invalid-state', 'invalid-payload', 'not-registered']);

export function conferenceErrorKey(code: string): string {
  return `conferences.error.${KNOWN_ERRORS.has(code) ? code : 'other'}`;
}
