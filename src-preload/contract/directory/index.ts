/** The directory domain of the contract: sources, contact fields, the IPC channels and the HTTP routes. */
export * from './directory-model';
export * from './contact-fields';
export * from './directory-ipc';
export * from './directory-http';
