/**
 * Whether a host name (IPv6 with or without brackets) is this machine's
 * loopback: 127.0.0.0/8, ::1 or localhost (RFC 6761 §6.3). Traffic to it
 * never leaves the machine, so it is the one place where the client accepts
 * cleartext `http://` and `ws://` (issue 10) and the server provisions `ws://`.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}

/** Whether a URL is cleartext (`http:`/`ws:`) to a host other than the loopback: refused (issue 10). */
export function isCleartextToNetwork(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'ws:') && !isLoopbackHost(url.hostname);
}
