/**
 * The one place that decides which links may leave the app for the system
 * browser (`shell.openExternal`). Everything else a page tries to open is
 * dropped: a softphone has no reason to browse, and `openExternal` with an
 * attacker-controlled URL can start arbitrary protocol handlers.
 */

/** Hosts whose `https:` pages may be opened in the system browser. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['github.com', 'www.rfc-editor.org', 'datatracker.ietf.org'];

/** The `mailto:` fields (RFC 6068) an invitation needs; anything else (attach, …) is refused. */
export const MAILTO_FIELDS: readonly string[] = ['subject', 'body', 'cc', 'bcc'];

/**
 * True when `url` is an `https:` URL on the default port, without
 * credentials, whose host is exactly one of {@link EXTERNAL_LINK_HOSTS} —
 * or a `mailto:` link (the user's mail program; conference invitations, SPEC I5) whose
 * fields are only {@link MAILTO_FIELDS}: some mail programs take `attach=<path>` and would
 * attach a local file to a message a compromised page composes.
 */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'mailto:') {
    return [...parsed.searchParams.keys()].every((key) => MAILTO_FIELDS.includes(key.toLowerCase()));
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.port !== '') return false;
  return hosts.includes(parsed.hostname.toLowerCase());
}
