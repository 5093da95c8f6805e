/** Transition shim (issue #9): moved to `core/platform/ipc/dispatch-invoke`; remove once every layer imports the new path. */
export * from '../platform/ipc/dispatch-invoke';
