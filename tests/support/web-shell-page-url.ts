/**
 * The address a test browser opens for a web shell: its printed URL (which
 * carries the per-launch key in the fragment, `#k=…`) with a query added
 * before the fragment — `${shell.url}?e2e=1` would put the query inside it.
 */
export function webShellPageUrl(shellUrl: string, query = 'e2e=1'): string {
  const url = new URL(shellUrl);
  url.search = query;
  return url.href;
}
