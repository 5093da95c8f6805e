/** The calls domain of the contract: calls, journal, recent dials, audio devices, dial targets. */
export * from './calls-ipc';
export * from './voip-ipc';
export * from './ice-http';
export * from './calls-http';
export * from './call-history-http';
export * from './dial-target';
export * from './dial-scope';
