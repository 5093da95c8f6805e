/** The settings domain of the contract: the user's settings record and the `settings.*` channels. */
export * from './settings-ipc';
