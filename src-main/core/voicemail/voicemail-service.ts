/** Transition shim (issue #9): moved to `core/features/voicemail/voicemail-service`; remove once every layer imports the new path. */
export * from '../features/voicemail/voicemail-service';
