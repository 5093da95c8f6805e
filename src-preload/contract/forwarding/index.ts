/** The forwarding domain of the contract (SPEC J3, B2): the rules, their evaluation, the channels and HTTP routes. */
export * from './forwarding-model';
export * from './forwarding-decision';
export * from './forwarding-ipc';
export * from './forwarding-http';
