/** Transition shim: the password policy moved to `./session/password-policy`; import it from `./session`. */
export * from './session/password-policy';
