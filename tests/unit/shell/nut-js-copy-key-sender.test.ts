import { describe, expect, it } from 'vitest';
import {
  createNutJsCopyKeySender,
  loadNutJsCopyKeySender,
  NUT_JS_AUTO_DELAY_MS,
  type NutJsKeyName,
  type NutJsModule,
} from '../../../src-main/shell/nut-js-copy-key-sender';

/** Same numbers as nut-js' Key enum (@nut-tree-fork/shared key.enum.d.ts). */
const KEY: Record<NutJsKeyName, number> = {
  C: 90,
  LeftShift: 87,
  RightShift: 98,
  LeftControl: 104,
  LeftSuper: 105,
  LeftCmd: 107,
  LeftAlt: 108,
  RightControl: 110,
  RightSuper: 111,
  RightAlt: 113,
};
const NAME = new Map(Object.entries(KEY).map(([name, value]) => [value, name]));

/** A fake nut-js that records `press:A+B` / `release:A` in call order; `failOn` makes one call reject. */
function fakeNutJs(failOn?: string): NutJsModule & { calls: string[] } {
  const calls: string[] = [];
  const record =
    (kind: string) =>
    async (...keys: number[]) => {
      const call = `${kind}:${keys.map((key) => NAME.get(key) ?? `?${key}`).join('+')}`;
      calls.push(call);
      if (call === failOn) throw new Error(`native failure on ${call}`);
    };
  return {
    calls,
    Key: KEY,
    keyboard: { config: { autoDelayMs: 300 }, pressKey: record('press'), releaseKey: record('release') },
  };
}

const HELD_RELEASES = [
  'release:LeftAlt',
  'release:RightAlt',
  'release:LeftShift',
  'release:RightShift',
  'release:LeftSuper',
  'release:RightSuper',
];

describe('createNutJsCopyKeySender', () => {
  it('Windows: Ctrl down first, then the hotkey modifiers released, then C tapped, then Ctrl up', async () => {
    const nut = fakeNutJs();
    await createNutJsCopyKeySender(nut, 'win32').sendCopy();
    expect(nut.calls).toEqual(['press:LeftControl', ...HELD_RELEASES, 'press:C', 'release:C', 'release:LeftControl']);
    expect(nut.keyboard.config.autoDelayMs).toBe(NUT_JS_AUTO_DELAY_MS);
    expect(NUT_JS_AUTO_DELAY_MS).toBeLessThanOrEqual(10);
  });

  it('Linux sends the same Ctrl+C sequence', async () => {
    const nut = fakeNutJs();
    await createNutJsCopyKeySender(nut, 'linux').sendCopy();
    expect(nut.calls).toEqual(['press:LeftControl', ...HELD_RELEASES, 'press:C', 'release:C', 'release:LeftControl']);
  });

  it('macOS: Control/Option/Shift released, then Cmd+C pressed and released together', async () => {
    const nut = fakeNutJs();
    await createNutJsCopyKeySender(nut, 'darwin').sendCopy();
    expect(nut.calls).toEqual([
      'release:LeftControl',
      'release:RightControl',
      'release:LeftAlt',
      'release:RightAlt',
      'release:LeftShift',
      'release:RightShift',
      'press:LeftCmd+C',
      'release:LeftCmd+C',
    ]);
    // every modifier released one by one: releaseKey(a, b) would send b with a as a flag
    for (const call of nut.calls.slice(0, 6)) expect(call).not.toContain('+');
  });

  it('a failing C press still releases C and Ctrl, then rejects', async () => {
    const nut = fakeNutJs('press:C');
    await expect(createNutJsCopyKeySender(nut, 'win32').sendCopy()).rejects.toThrow('native failure on press:C');
    expect(nut.calls.slice(-2)).toEqual(['release:C', 'release:LeftControl']);
  });

  it('macOS: a failing Cmd+C press still releases Cmd+C', async () => {
    const nut = fakeNutJs('press:LeftCmd+C');
    await expect(createNutJsCopyKeySender(nut, 'darwin').sendCopy()).rejects.toThrow('native failure');
    expect(nut.calls.at(-1)).toBe('release:LeftCmd+C');
  });

  it('refuses an overlapping second copy, and works again after the first', async () => {
    const nut = fakeNutJs();
    let unblock: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (unblock = resolve));
    const pressKey = nut.keyboard.pressKey;
    nut.keyboard.pressKey = async (...keys) => {
      await blocked;
      return pressKey(...keys);
    };
    const sender = createNutJsCopyKeySender(nut, 'win32');
    const first = sender.sendCopy();
    await expect(sender.sendCopy()).rejects.toThrow('already being sent');
    unblock();
    await first;
    await sender.sendCopy();
    expect(nut.calls.filter((call) => call === 'press:C')).toHaveLength(2);
  });
});

describe('loadNutJsCopyKeySender', () => {
  const importing = (value: unknown) => async () => value;

  it('loads the module (named exports or a CommonJS default) and returns a working sender', async () => {
    for (const shape of ['named', 'default'] as const) {
      const nut = fakeNutJs();
      const loaded = await loadNutJsCopyKeySender({
        platform: 'win32',
        importModule: importing(shape === 'named' ? nut : { default: nut }),
      });
      expect(loaded.status).toBe('available');
      if (loaded.status === 'available') await loaded.sender.sendCopy();
      expect(nut.calls).toContain('press:C');
    }
  });

  it('imports the package by name', async () => {
    const asked: string[] = [];
    await loadNutJsCopyKeySender({
      platform: 'darwin',
      importModule: async (specifier) => {
        asked.push(specifier);
        return fakeNutJs();
      },
    });
    expect(asked).toEqual(['@nut-tree-fork/nut-js']);
  });

  it('a missing package is "not-installed", never a throw', async () => {
    const error = Object.assign(new Error("Cannot find package '@nut-tree-fork/nut-js' imported from x"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const loaded = await loadNutJsCopyKeySender({
      platform: 'win32',
      importModule: async () => {
        throw error;
      },
    });
    expect(loaded).toMatchObject({ status: 'unavailable', reason: 'not-installed' });
  });

  it('a failing native load (or a missing inner package) is "load-failed" with the cause', async () => {
    const cases = [
      new Error('Could not locate the bindings file. Tried:\n → /x/libnut.node'),
      Object.assign(new Error("Cannot find module '@nut-tree-fork/libnut-win32'"), { code: 'MODULE_NOT_FOUND' }),
    ];
    for (const error of cases) {
      const loaded = await loadNutJsCopyKeySender({
        platform: 'win32',
        importModule: async () => {
          throw error;
        },
      });
      expect(loaded).toMatchObject({ status: 'unavailable', reason: 'load-failed' });
      if (loaded.status === 'unavailable') {
        expect(loaded.message).toContain(error.message.split('\n')[0]);
        expect(loaded.message).not.toContain('\n');
      }
    }
  });

  it('a module without keyboard or with missing Key names is "unexpected-module"', async () => {
    const partialKeys: Partial<Record<NutJsKeyName, number>> = { ...KEY };
    delete partialKeys.LeftCmd;
    for (const imported of [{}, null, { keyboard: fakeNutJs().keyboard, Key: partialKeys }]) {
      expect(await loadNutJsCopyKeySender({ platform: 'win32', importModule: importing(imported) })).toMatchObject({
        status: 'unavailable',
        reason: 'unexpected-module',
      });
    }
  });

  it('Linux without DISPLAY and unknown platforms never import the native module', async () => {
    let imports = 0;
    const importModule = async () => {
      imports++;
      return fakeNutJs();
    };
    expect(await loadNutJsCopyKeySender({ platform: 'linux', env: {}, importModule })).toMatchObject({
      status: 'unavailable',
      reason: 'no-display',
    });
    expect(await loadNutJsCopyKeySender({ platform: 'freebsd', env: { DISPLAY: ':1' }, importModule })).toMatchObject({
      status: 'unavailable',
      reason: 'unsupported-platform',
    });
    expect(imports).toBe(0);
    expect(await loadNutJsCopyKeySender({ platform: 'linux', env: { DISPLAY: ':1' }, importModule })).toMatchObject({
      status: 'available',
    });
    expect(imports).toBe(1);
  });
});
