/** The conferences domain of the contract (SPEC I1–I6, issue #14): the HTTP routes and their wire types. */
export * from './conferences-http';
export * from './conferences-ipc';
