/** The desktop domain of the contract: links, hotkey, headsets, notifications, popup, counters, window. */
export * from './desktop-ipc';
export * from './popup-visibility';
