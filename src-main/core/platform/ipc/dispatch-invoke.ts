import {
  invokeSchemas,
  isInvokeChannel,
  type InvokeChannel,
  type IpcResult,
} from '../../../../src-preload/contract/ipc-contract';
import { UcError } from './uc-error';
import type { UcBackend, ValidPayload } from './uc-backend';

/**
 * The single entry point both shells use for an incoming invoke: checks the
 * channel name, validates the payload against its schema, runs the handler
 * and turns every outcome into an {@link IpcResult} (never throws).
 */
export async function dispatchInvoke(
  backend: UcBackend,
  channel: unknown,
  payload: unknown,
): Promise<IpcResult<unknown>> {
  if (!isInvokeChannel(channel)) {
    return {
      ok: false,
      error: { code: 'unknown-channel', message: `unknown channel ${String(channel).slice(0, 64)}` },
    };
  }
  const parsed = invokeSchemas[channel].safeParse(payload ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid-payload',
        message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      },
    };
  }
  try {
    const value = await backend.invoke(channel, parsed.data as ValidPayload<InvokeChannel>);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof UcError) {
      return {
        ok: false,
        error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) },
      };
    }
    return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
}
