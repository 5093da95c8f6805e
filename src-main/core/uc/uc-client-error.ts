/** Transition shim (issue #9): moved to `core/platform/uc/uc-client-error`; remove once every layer imports the new path. */
export * from '../platform/uc/uc-client-error';
