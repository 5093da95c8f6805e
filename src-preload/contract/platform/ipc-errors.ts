/** Error codes a handler may reject with; the renderer translates them (i18n key `error.<code>`). */
export type IpcErrorCode =
  | 'invalid-payload'
  | 'forbidden-sender'
  | 'unknown-channel'
  | 'invalid-number'
  /** an extension that is also a public number, dialed without the outside prefix: ask, then dial with a scope (SPEC C5) */
  | 'ambiguous-number'
  | 'invalid-server'
  /** an http:// server to an address other than the loopback: the password would travel in clear (issue 10) */
  | 'cleartext-server'
  | 'not-registered'
  | 'unknown-call'
  | 'invalid-state'
  | 'not-logged-in'
  | 'weak-password'
  | 'wrong-current-password'
  /** the new password is the current one (SPEC A2: a change must change it) */
  | 'same-password'
  | 'server-unreachable'
  | 'not-found'
  | 'import-failed'
  | 'invalid-hotkey'
  | 'invalid-link'
  | 'unknown-request'
  /** no media host (media window / web page) answers: audio devices cannot be listed */
  | 'media-unavailable'
  /** VoIP is turned off on this computer (Settings > VoIP, SPEC F5): no call is placed or answered here */
  | 'voip-disabled'
  /** VoIP cannot work here (no microphone permission, no WebRTC, no media host); details `[VoipProblem]` */
  | 'voip-unavailable'
  /** a STUN/TURN server that is not a valid STUN/TURN URI, or a TURN server without credentials */
  | 'invalid-ice-server'
  /** the STUN/TURN server is already listed */
  | 'duplicate-ice-server'
  /** personal data refused by the UC server: details = the refused fields (ProfileField) */
  | 'invalid-profile'
  /** a photo refused by the UC server: details = [PhotoRefusal] */
  | 'invalid-photo'
  /** the voicemail PIN breaks the PIN rules: details = the broken PinRule keys */
  | 'weak-pin'
  | 'wrong-current-pin'
  /** too many wrong guesses (the current voicemail PIN): the server asks to wait */
  | 'too-many-attempts'
  | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  /** machine-readable details, e.g. the broken password rules for weak-password */
  details?: string[];
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
