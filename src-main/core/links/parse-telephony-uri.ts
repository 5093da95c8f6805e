/** Transition shim (issue #9): moved to `core/features/desktop/links/parse-telephony-uri`; remove once every layer imports the new path. */
export * from '../features/desktop/links/parse-telephony-uri';
