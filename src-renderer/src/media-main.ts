/**
 * Entry of media.html, Electron's hidden media window: the media preload
 * exposes `window.ucMedia`, and this page answers the engine's media requests.
 */
import { startMediaHost } from './media-host/media-host';

if (window.ucMedia) {
  startMediaHost(window.ucMedia);
} else {
  console.error('media.html loaded without the media preload (window.ucMedia missing)');
}
