import { readFileSync } from 'node:fs';
import type { ServerContext } from '../../../platform/server-context';
import { MAX_PHOTO_BYTES } from './photo-image';
import { PhotoError, removeAccountPhoto, setAccountPhoto } from './photo-service';

export const PHOTO_USAGE = `Usage: npm run server -- set-photo NUMBER FILE.png|FILE.jpg
       npm run server -- remove-photo NUMBER
  PNG or JPEG (checked by content), at most ${MAX_PHOTO_BYTES / 1024} KB; the image is stored as is
  (no resizing yet: that comes in a later issue). Connected clients see the change within a second.`;

/** Output streams of the command (tests capture them). */
export interface PhotoCommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processOutput: PhotoCommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * `set-photo NUMBER FILE` / `remove-photo NUMBER`. Exit code 0 = done,
 * 1 = refused (unknown account, unreadable file, not PNG/JPEG, too large;
 * nothing written), 2 = usage error.
 */
export async function runPhotoCommand(
  command: 'set-photo' | 'remove-photo',
  args: readonly string[],
  ctx: ServerContext,
  output: PhotoCommandOutput = processOutput,
): Promise<number> {
  const expected = command === 'set-photo' ? 2 : 1;
  if (args.length !== expected) {
    output.err(`${command}: expected ${command === 'set-photo' ? 'NUMBER FILE' : 'NUMBER'}\n${PHOTO_USAGE}\n`);
    return 2;
  }
  const [number, file] = args as [string, string | undefined];
  try {
    if (command === 'remove-photo') {
      const removed = await removeAccountPhoto(ctx, number);
      output.out(removed ? `Photo of ${number} removed.\n` : `${number} had no photo.\n`);
      return 0;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file!);
    } catch (error) {
      throw new PhotoError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const { mime } = await setAccountPhoto(ctx, number, bytes);
    output.out(`Photo of ${number} set (${mime}, ${bytes.length} bytes).\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof PhotoError)) throw error;
    output.err(`${command}: ${error.message}\n`);
    return 1;
  }
}
