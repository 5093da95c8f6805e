/**
 * Which Chromium permissions a page may get: none, except microphone access
 * (`media` with audio only) and the choice of output device
 * (`speaker-selection`, for setSinkId on the speaker and the ringing device,
 * SPEC F4) for the hidden media window showing our own media.html. Used by both session.setPermissionRequestHandler and
 * session.setPermissionCheckHandler (Electron asks both; see
 * https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content).
 */

export interface PermissionQuery {
  permission: string;
  /** the asking WebContents is the media window */
  fromMediaWindow: boolean;
  /** the asking page is our media.html */
  fromMediaPage: boolean;
  /**
   * Request handler: `details.mediaTypes` (e.g. ['audio']); check handler:
   * `[details.mediaType]`. Undefined when Chromium did not say.
   */
  mediaTypes?: readonly string[];
}

/** True only for audio capture and output-device choice by our media window. */
export function isPermissionAllowed(query: PermissionQuery): boolean {
  if (!query.fromMediaWindow || !query.fromMediaPage) return false;
  if (query.permission === 'speaker-selection') return true;
  if (query.permission !== 'media') return false;
  // No mediaTypes means Chromium did not say what it wants: refuse (video is never needed).
  const types = query.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'audio');
}
