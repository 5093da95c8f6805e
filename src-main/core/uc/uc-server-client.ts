/** Transition shim (issue #9): moved to `core/app/uc-server-client`; remove once every layer imports the new path. */
export * from '../app/uc-server-client';
