/**
 * Accounts (public surface): accounts and their Kamailio `subscriber` HA1
 * rows, password hashing, the demo users, the user's own personal data routes
 * (/me/profile, /me/photo; logins are the auth feature's).
 */
import type { ServerFeature } from '../../platform/server-feature';
import { registerProfileRoutes } from './profile-routes';
import { ensureSipSecrets } from './sip-secret';

export type * from './accounts-tables';
export {
  ACCOUNT_NUMBER_PATTERN,
  AccountError,
  RESERVED_ACCOUNT_NUMBER,
  createAccount,
  findAccountById,
  findAccountByNumber,
  setAccountPassword,
  updateAccount,
  type AccountChanges,
  type AccountRow,
  type NewAccount,
} from './account-service';
export { deleteSubscriber, sipHa1, upsertSubscriber } from './kamailio-subscriber';
export { ensureSipSecrets, newSipSecret, rotateSipSecret, sipSecretOf } from './sip-secret';
export { migration0017SipCredentials } from './migrations/0017-sip-credentials';
export { migration0028AccountPersonalData } from './migrations/0028-account-personal-data';
export { dummyPasswordHash, hashPassword, verifyPassword } from './password-hash';
export { DEMO_USERS_PATH, loadDemoUsers, parseUsers, type DemoUser } from './demo-users';
export { migration0001Accounts } from './migrations/0001-accounts';
export { migration0004KamailioSubscriber } from './migrations/0004-kamailio-subscriber';

/**
 * The user's own personal data (/me/profile, /me/photo); at start, gives every
 * account that has none its SIP secret (see migration 0017).
 */
export const accountsFeature: ServerFeature = {
  name: 'accounts',
  async register(api, ctx) {
    const made = await ensureSipSecrets(ctx);
    if (made > 0) api.log.info({ accounts: made }, 'SIP secrets made for accounts that had none');
    await registerProfileRoutes(api, ctx);
  },
};
