/**
 * The application's identity on Windows (AppUserModelID): toast notifications
 * are only shown for it. Equal to electron-builder.yml's `appId`, which the
 * NSIS installer puts on the Start-menu shortcut (kept equal by
 * tests/unit/shell/electron-builder-config.test.ts).
 */
export const APP_USER_MODEL_ID = 'org.switchboard.desktop';
