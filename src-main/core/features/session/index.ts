/** The session domain: its state machine, the remembered login, the login errors. AppCore runs the lifecycle. */
export {
  assertSessionTransition,
  canChangeSession,
  InvalidSessionTransitionError,
  sessionTransitions,
} from './session-state';
export { REMEMBERED_LOGIN_KEY, RememberedLogins, type RememberedLogin } from './remembered-login';
export { failedLoginState, passwordChangeError } from './session-errors';
export { sessionFromRegistration } from './session-from-registration';
