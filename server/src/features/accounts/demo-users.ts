import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One seeded SIP account of the dev stack (see server/kamailio/demo-users.json). */
export interface DemoUser {
  /** Extension = SIP user part, e.g. "100". */
  readonly number: string;
  /** Plain-text initial password (the stack stores only its scrypt hash and SIP HA1). */
  readonly password: string;
  /** Name shown in the directory. */
  readonly displayName: string;
  /** The UC server forces a password change at first login (default false). */
  readonly mustChangePassword?: boolean;
}

/** Path of the single source of the demo users (README and tests read it too). */
export const DEMO_USERS_PATH = fileURLToPath(new URL('../../../kamailio/demo-users.json', import.meta.url));

/**
 * Validates a user list (from JSON or from a caller) and returns a typed copy.
 * Throws a message naming the offending entry, so a typo in the seed file is obvious.
 */
export function parseUsers(value: unknown, source = 'users'): DemoUser[] {
  if (!Array.isArray(value)) throw new Error(`${source}: expected an array of users`);
  const seen = new Set<string>();
  return value.map((entry: unknown, index) => {
    const where = `${source}[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where}: expected an object`);
    const { number, password, displayName, mustChangePassword } = entry as Record<string, unknown>;
    // SIP user part: keep it to plain digits/letters so it is safe in URIs and SQL
    if (typeof number !== 'string' || !/^[A-Za-z0-9._-]{1,32}$/.test(number)) {
      throw new Error(`${where}.number: expected 1-32 characters [A-Za-z0-9._-], got ${JSON.stringify(number)}`);
    }
    if (typeof password !== 'string' || password.length === 0) {
      throw new Error(`${where}.password: expected a non-empty string`);
    }
    if (typeof displayName !== 'string' || displayName.length === 0) {
      throw new Error(`${where}.displayName: expected a non-empty string`);
    }
    if (mustChangePassword !== undefined && typeof mustChangePassword !== 'boolean') {
      throw new Error(`${where}.mustChangePassword: expected true or false`);
    }
    if (seen.has(number)) throw new Error(`${where}.number: duplicate ${number}`);
    seen.add(number);
    return { number, password, displayName, mustChangePassword: mustChangePassword ?? false };
  });
}

/** Reads and validates server/kamailio/demo-users.json. */
export function loadDemoUsers(path = DEMO_USERS_PATH): DemoUser[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read demo users from ${path}: ${(error as Error).message}`);
  }
  return parseUsers(raw, path);
}
