import type { IpcErrorCode } from '../../../../src-preload/contract/ipc-contract';

/** An error a contract handler throws on purpose; its code reaches the renderer. */
export class UcError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    /** machine-readable details for the renderer, e.g. the broken password rules of weak-password */
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'UcError';
  }
}
