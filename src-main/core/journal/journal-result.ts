/** Transition shim (issue #9): moved to `core/features/calls/journal/journal-result`; remove once every layer imports the new path. */
export * from '../features/calls/journal/journal-result';
