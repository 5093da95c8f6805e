/** The messages domain of the contract: the `messages.*` channels and the server's /messages routes. */
export * from './messages-ipc';
export * from './messages-http';
