/**
 * Dial hotkey, Linux selection path, end to end under Xvfb (SPEC G2): a real X
 * server, the PRIMARY selection set by `xclip` the way a selecting application
 * owns it, read back through the reader the shell uses in Node
 * (readPrimaryWithXclip → createPrimarySelectionReader), then normalized and
 * handed to the dial handler.
 *
 * Needs the apt packages `xvfb` and `xclip` (see .ci/setup). Skipped, saying
 * which binary is missing, only when one of them is not installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath, startXvfb } from '../../support/xvfb';
import { selectionToNumber } from '../../../src-main/core/features/desktop/hotkey/selection-to-number';
import { createHotkeyDialer } from '../../../src-main/shell/dial-hotkey';
import { createPrimarySelectionReader, readPrimaryWithXclip } from '../../../src-main/shell/selection-reader';

const missing = ['Xvfb', 'xclip'].filter((binary) => !onPath(binary));
if (missing.length > 0) {
  console.warn(
    `[linux-selection] skipped: ${missing.join(', ')} not installed (apt packages: xvfb, xclip; add them to .ci/setup)`,
  );
}

describe.skipIf(missing.length > 0)('Linux PRIMARY selection → number (Xvfb + xclip)', () => {
  let xvfb: ChildProcess | undefined;
  let owner: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const started = await startXvfb();
    xvfb = started.process;
    env = { ...process.env, DISPLAY: started.display };
  });

  afterAll(async () => {
    await releaseOwner();
    xvfb?.kill();
  });

  const reader = () => createPrimarySelectionReader(() => readPrimaryWithXclip({ env }));

  /** Stops the current owner and waits (bounded) until it has exited. */
  async function releaseOwner(): Promise<void> {
    const child = owner;
    owner = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }

  /**
   * Makes a foreground xclip own PRIMARY with `text` (like a text selection in an
   * app). The old owner is gone first; a start that does not take ownership within
   * 1 s is retried (bounded: 3 attempts).
   */
  async function select(text: string): Promise<void> {
    await releaseOwner();
    for (let spawnAttempt = 0; spawnAttempt < 3; spawnAttempt++) {
      const child = spawn('xclip', ['-quiet', '-selection', 'primary', '-i'], {
        env,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      owner = child;
      child.stdin?.end(text);
      for (let attempt = 0; attempt < 50; attempt++) {
        if ((await readPrimaryWithXclip({ env }).catch(() => undefined)) === text) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await releaseOwner();
    }
    const last = await readPrimaryWithXclip({ env }).catch((error: unknown) => `error: ${String(error)}`);
    throw new Error(`PRIMARY selection never became ${JSON.stringify(text)} (last read: ${JSON.stringify(last)})`);
  }

  it.each([
    ['Tel.: +49 (89) 7007-98765', '+4989700798765'],
    ['Alice Martin\nSales\nPhone: +1 (201) 555-0123\nFax: +1 (201) 555-0199', '+12015550123'],
    ['1-800-FLOWERS', '18003569377'],
    ['＋３３ １ ２３ ４５ ６７ ８９', '+33123456789'],
    ['sip:alice@example.com', 'sip:alice@example.com'],
  ])('reads %j and normalizes it to %s', async (text, number) => {
    await select(text);
    const read = await reader().read();
    expect(read).toEqual({ ok: true, text });
    if (read.ok) expect(selectionToNumber(read.text)).toMatchObject({ ok: true, number });
  });

  it('a hotkey press dials the selected number through the dial handler', async () => {
    await select('please call 0612 345 678 today');
    const dialed: string[] = [];
    const press = createHotkeyDialer({
      reader: reader(),
      dial: async (target) => {
        dialed.push(target);
        return { callId: 'call-1' };
      },
      numberOptions: () => ({ defaultRegion: 'FR' }),
    });
    expect(await press()).toMatchObject({ kind: 'dialed', number: '+33612345678', callId: 'call-1' });
    expect(dialed).toEqual(['+33612345678']);
  });

  it('text without a number is refused with the reason, nothing dialed', async () => {
    await select('Lunch at noon?');
    const dialed: string[] = [];
    const press = createHotkeyDialer({
      reader: reader(),
      dial: async (target) => {
        dialed.push(target);
        return { callId: 'x' };
      },
    });
    expect(await press()).toMatchObject({ kind: 'no-number', reason: 'no-number' });
    expect(dialed).toEqual([]);
  });

  it('an empty PRIMARY selection (no owner) reads as empty text', async () => {
    await releaseOwner();
    let text: string | undefined;
    for (let attempt = 0; attempt < 100 && text !== ''; attempt++) {
      const read = await reader().read();
      text = read.ok ? read.text : undefined;
      if (text !== '') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(text).toBe('');
    expect(selectionToNumber(text)).toMatchObject({ ok: false, reason: 'empty' });
  });
});
