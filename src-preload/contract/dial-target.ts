/** Transition shim: dial targets moved to `./calls/dial-target`; import them from `./calls`. */
export * from './calls/dial-target';
