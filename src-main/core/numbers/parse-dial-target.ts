/**
 * The dial-target rules live in the contract (`src-preload/contract/dial-target.ts`)
 * since the renderer must apply the very same rule when it offers "Call …"
 * as the engine when it dials (issue #8: one validator, one message). This
 * module keeps the engine's import path.
 */
export * from '../../../src-preload/contract/dial-target';
