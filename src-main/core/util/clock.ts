/** Transition shim (issue #9): moved to `core/platform/clock`; remove once every layer imports the new path. */
export * from '../platform/clock';
