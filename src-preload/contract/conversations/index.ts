/** The conversations domain of the contract (issue #13): calls, messages and voicemails per contact. */
export * from './conversations-ipc';
