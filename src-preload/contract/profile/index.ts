/** The profile domain of the contract: the user's own personal data and photo (SPEC J1, J2). */
export * from './profile-http';
export * from './profile-ipc';
