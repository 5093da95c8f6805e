/** The session domain of the contract: login, status, password policy, the server's auth routes. */
export * from './session-ipc';
export * from './session-http';
export * from './password-policy';
