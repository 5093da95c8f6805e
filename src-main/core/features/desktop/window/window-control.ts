import type { WindowCommand } from '../../../../../src-preload/contract/ipc-contract';

/**
 * The window actions only a desktop shell can perform (window.command);
 * `show` brings the main window up and focuses it (e.g. to choose a transfer target).
 */
export type WindowController = (command: Extract<WindowCommand, 'minimize' | 'close' | 'dock'> | 'show') => void;

/** The shell's window controller, when it has one (the web shell has no window of its own: ignored). */
export class WindowControl {
  private controller: WindowController | undefined;

  set(controller: WindowController | undefined): void {
    this.controller = controller;
  }

  run(command: Parameters<WindowController>[0]): void {
    this.controller?.(command);
  }
}
