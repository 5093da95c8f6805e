/**
 * Preload of the main window (sandboxed, context-isolated): exposes exactly
 * one global, `window.uc`, and nothing of Electron itself (see uc-api.ts).
 * Bundled by electron-vite into out/preload/preload.cjs; only `electron` is
 * required at run time.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createUcApi } from './uc-api';

contextBridge.exposeInMainWorld('uc', createUcApi(ipcRenderer));
