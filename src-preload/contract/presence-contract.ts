/** Transition shim: the presence domain moved to `./presence/`; import from there. */
export * from './presence';
