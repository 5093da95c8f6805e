/** Auth (public surface): login, refresh, logout and password change over the accounts; refresh tokens. */
import type { ServerFeature } from '../../platform/server-feature';
import { registerAuthRoutes } from './auth-routes';

export type * from './auth-tables';
export { openSessions, provisioningFor } from './auth-service';
export { LoginThrottle, type LoginVerdict } from './login-throttle';
export { migration0002RefreshTokens } from './migrations/0002-refresh-tokens';

/** POST /auth/login|refresh|logout|password and GET /me. */
export const authFeature: ServerFeature = { name: 'auth', register: registerAuthRoutes };
