/**
 * A throwaway X server for desktop-integration tests (Debian's xvfb), on a
 * display it picks itself (-displayfd) so parallel runs never collide.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** True when `binary` is on PATH (used to say which apt package is missing). */
export function onPath(binary: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$0"', binary], { encoding: 'utf8' }).status === 0;
}

export async function startXvfb(): Promise<{ process: ChildProcess; display: string }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '640x480x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10_000);
    let out = '';
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^(\d+)\n/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(`:${match[1]}`);
      }
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited early (${code})`));
    });
  });
  return { process: xvfb, display };
}
