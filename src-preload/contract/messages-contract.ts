/** Transition shim: the messages domain moved to `./messages/`; import from there. */
export * from './messages';
