/**
 * Vite plugin for the *dev server only*: the React refresh preamble is an
 * inline script and dev CSS arrives as inline <style> elements, both blocked
 * by the strict CSP in index.html/media.html. While serving, this adds
 * 'unsafe-inline' to script-src and style-src; production builds keep the
 * strict policy untouched (`apply: 'serve'`).
 *
 * Used by vite.web.config.ts; electron.vite.config.ts can use it for its
 * renderer too.
 */
import type { Plugin } from 'vite';

export function cspDevRelax(): Plugin {
  return {
    name: 'switchboard:csp-dev-relax',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(
        /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i,
        (_m, pre: string, policy: string, post: string) => {
          const relaxed = policy
            .replace(/script-src ([^;]*)/, "script-src $1 'unsafe-inline'")
            .replace(/style-src ([^;]*)/, "style-src $1 'unsafe-inline'");
          return `${pre}${relaxed}${post}`;
        },
      );
    },
  };
}
