/** The voicemail domain of the contract: the `voicemail.*` channels and the server's /voicemails routes. */
export * from './voicemail-ipc';
export * from './voicemail-http';
export * from './voicemail-pin';
