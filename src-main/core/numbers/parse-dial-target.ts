/**
 * Transition shim (issue #9): the dial-target rules live in the contract
 * (`src-preload/contract/dial-target.ts`), which the engine imports directly;
 * remove once every layer imports the contract.
 */
export * from '../../../src-preload/contract/dial-target';
