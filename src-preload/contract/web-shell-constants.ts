/**
 * The web shell's WebSocket address and authentication names, zod-free so the
 * page imports them without the frame schemas (`web-protocol.ts` re-exports
 * them for the shell).
 */

/** The path of the web shell's one WebSocket. */
export const WEB_SHELL_WS_PATH = '/uc';

/**
 * Authentication of the WebSocket upgrade: the page offers two subprotocols
 * (`Sec-WebSocket-Protocol`, RFC 6455 §4.1/§11.3.4), {@link WEB_SHELL_PROTOCOL}
 * and {@link WEB_SHELL_KEY_PROTOCOL_PREFIX} + the per-launch key it read from
 * the URL fragment the shell printed (`#k=<key>`; a fragment never reaches the
 * server, so the key is not in any request line or log). The shell refuses an
 * upgrade without the right key (401) and selects {@link WEB_SHELL_PROTOCOL}.
 */
export const WEB_SHELL_PROTOCOL = 'switchboard.v1';
export const WEB_SHELL_KEY_PROTOCOL_PREFIX = 'switchboard.key.';
/** Name of the key in the URL fragment: `http://127.0.0.1:PORT/#k=<key>`. */
export const WEB_SHELL_KEY_FRAGMENT_PARAM = 'k';
