/** Transition shim (issue #9): moved to `core/platform/uc/uc-http-client`; remove once every layer imports the new path. */
export * from '../platform/uc/uc-http-client';
