/** Cross-domain basics of the contract: errors, the UC API base, the live-event envelope, backoff, assertNever. */
export * from './assert-never';
export * from './ipc-errors';
export * from './api-error';
export * from './uc-api-base';
export * from './live-events';
export * from './reconnect-policy';
export * from './loopback-host';
export * from './parsed-xml';
export * from './sip-user-agent';
