import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/database';

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** RFC 2617 HA1 = MD5(username:realm:password); ha1b is Kamailio's user@domain variant. */
export function sipHa1(number: string, realm: string, password: string): { ha1: string; ha1b: string } {
  return { ha1: md5(`${number}:${realm}:${password}`), ha1b: md5(`${number}@${realm}:${realm}:${password}`) };
}

/**
 * Writes the account's SIP credentials into Kamailio's `subscriber` table
 * (same database; Kamailio's auth_db reads `ha1` with calculate_ha1 off). The
 * plain password is never stored: the password column stays ''. Runs inside
 * the caller's transaction when given one.
 */
export async function upsertSubscriber(db: Db, number: string, realm: string, password: string): Promise<void> {
  const { ha1, ha1b } = sipHa1(number, realm, password);
  // one row per account: drop rows of an old realm too (the realm is part of the HA1)
  await db.deleteFrom('subscriber').where('username', '=', number).execute();
  await db.insertInto('subscriber').values({ username: number, domain: realm, password: '', ha1, ha1b }).execute();
}

/** Removes the account's SIP credentials. */
export async function deleteSubscriber(db: Db, number: string): Promise<void> {
  await db.deleteFrom('subscriber').where('username', '=', number).execute();
}
