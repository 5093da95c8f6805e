/** Transition shim (issue #9): moved to `core/features/desktop/hotkey/validate-accelerator`; remove once every layer imports the new path. */
export * from '../features/desktop/hotkey/validate-accelerator';
