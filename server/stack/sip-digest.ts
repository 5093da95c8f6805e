import { createHash, randomBytes } from 'node:crypto';

/** A parsed `WWW-Authenticate` / `Proxy-Authenticate: Digest ...` challenge. */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque?: string | undefined;
  readonly algorithm?: string | undefined;
  /** e.g. "auth" or "auth,auth-int" */
  readonly qop?: string | undefined;
  readonly stale?: boolean | undefined;
}

/** Credentials and request data a digest response is computed over. */
export interface DigestInput {
  readonly username: string;
  readonly password: string;
  readonly method: string;
  /** Request-URI exactly as sent, e.g. "sip:127.0.0.1". */
  readonly uri: string;
  readonly challenge: DigestChallenge;
  /** Nonce count, 1 for the first use of a nonce. */
  readonly nc?: number;
  /** Client nonce; random if omitted. */
  readonly cnonce?: string;
}

/**
 * Parses a Digest challenge header value (RFC 2617 3.2.1).
 * Throws if it is not a Digest challenge or lacks realm/nonce.
 */
export function parseDigestChallenge(header: string): DigestChallenge {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) throw new Error(`Not a Digest challenge: ${header}`);
  const params = new Map<string, string>();
  // name=value or name="quoted value", comma separated
  const re = /([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (let m = re.exec(match[1] ?? ''); m !== null; m = re.exec(match[1] ?? '')) {
    params.set((m[1] ?? '').toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? ''));
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || nonce === undefined) throw new Error(`Digest challenge without realm/nonce: ${header}`);
  return {
    realm,
    nonce,
    opaque: params.get('opaque'),
    algorithm: params.get('algorithm'),
    qop: params.get('qop'),
    stale: params.get('stale')?.toLowerCase() === 'true',
  };
}

/**
 * Builds the `Authorization` / `Proxy-Authorization` header value (RFC 2617 3.2.2),
 * MD5 only, with qop=auth when the server offers it.
 */
export function buildDigestAuthorization(input: DigestInput): string {
  const { username, password, method, uri, challenge } = input;
  const algorithm = challenge.algorithm ?? 'MD5';
  if (algorithm.toUpperCase() !== 'MD5') throw new Error(`Unsupported digest algorithm ${algorithm}`);
  const ha1 = md5(`${username}:${challenge.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const offersAuth = challenge.qop?.split(',').some((q) => q.trim() === 'auth') ?? false;
  const parts = [
    `username="${username}"`,
    `realm="${challenge.realm}"`,
    `nonce="${challenge.nonce}"`,
    `uri="${uri}"`,
    'algorithm=MD5',
  ];
  let response: string;
  if (offersAuth) {
    const nc = (input.nc ?? 1).toString(16).padStart(8, '0');
    const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
    response = md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
    parts.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  } else {
    response = md5(`${ha1}:${challenge.nonce}:${ha2}`);
  }
  parts.push(`response="${response}"`);
  if (challenge.opaque !== undefined) parts.push(`opaque="${challenge.opaque}"`);
  return `Digest ${parts.join(', ')}`;
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
