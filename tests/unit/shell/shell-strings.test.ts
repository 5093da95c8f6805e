import { describe, expect, it } from 'vitest';
import { shellStrings } from '../../../src-main/shell/shell-strings';

describe('shellStrings', () => {
  it('has English and French tray labels', () => {
    expect(shellStrings('en').trayQuit).toBe('Quit');
    expect(shellStrings('fr').trayQuit).toBe('Quitter');
    expect(shellStrings('fr').trayShow).not.toBe(shellStrings('en').trayShow);
  });

  it('falls back to English', () => {
    expect(shellStrings(undefined)).toEqual(shellStrings('en'));
    expect(shellStrings('de')).toEqual(shellStrings('en'));
  });

  it('has no empty string in any language', () => {
    for (const language of ['en', 'fr']) {
      for (const value of Object.values(shellStrings(language))) expect(value.trim()).not.toBe('');
    }
  });
});
