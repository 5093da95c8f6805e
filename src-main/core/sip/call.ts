/** Transition shim (issue #9): moved to `core/features/calls/sip/call`; remove once every layer imports the new path. */
export * from '../features/calls/sip/call';
