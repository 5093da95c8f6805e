/**
 * The contract's invoke and event channel names as a build-time constant
 * (`__UC_CHANNELS__`) for the preload: derived from the one contract when the
 * preload is built (electron.vite.config.ts) or tested (vitest.config.ts), so
 * the sandboxed preload checks channel names without bundling zod and its
 * schemas, and a new channel or domain needs no edit in the preload.
 */
import { eventChannels, invokeChannels } from './contract/ipc-contract';

export function ucChannelsDefine(): Record<string, string> {
  return { __UC_CHANNELS__: JSON.stringify({ invoke: invokeChannels, events: eventChannels }) };
}
