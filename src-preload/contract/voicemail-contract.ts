/** Transition shim: the voicemail domain moved to `./voicemail/`; import from there. */
export * from './voicemail';
