/** The presence domain of the contract: states, groups, labels, the `presence.*` channels and HTTP routes. */
export * from './presence-model';
export * from './presence-labels';
export * from './presence-ipc';
export * from './presence-http';
