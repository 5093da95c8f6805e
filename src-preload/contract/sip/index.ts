/** What every SIP user agent that registers follows (the app's and the server's voicemail service). */
export * from './registration-state';
export * from './sip-registration';
export * from './flow-keep-alive';
export * from './reginfo';
