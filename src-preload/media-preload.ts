/**
 * Preload of the hidden media window (sandboxed, context-isolated): exposes
 * exactly one global, `window.ucMedia` (see media-host-channel.ts). Bundled
 * into out/preload/media-preload.cjs; only `electron` is required at run time.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createMediaHostChannel } from './media-host-channel';

contextBridge.exposeInMainWorld('ucMedia', createMediaHostChannel(ipcRenderer));
