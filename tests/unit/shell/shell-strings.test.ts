import { describe, expect, it } from 'vitest';
import { shellStrings } from '../../../src-main/shell/shell-strings';

describe('shellStrings', () => {
  it('has English and French tray labels', () => {
    expect(shellStrings('en').trayQuit).toBe('Quit');
    expect(shellStrings('fr').trayQuit).toBe('Quitter');
    expect(shellStrings('fr').trayShow).not.toBe(shellStrings('en').trayShow);
  });

  it('plural and names in the counter and notification texts', () => {
    expect(shellStrings('en').missedCalls(1)).toBe('1 missed call');
    expect(shellStrings('en').missedCalls(3)).toBe('3 missed calls');
    expect(shellStrings('fr').missedCalls(2)).toBe('2 appels manqués');
    expect(shellStrings('fr').missedCallBody('Alice')).toContain('Alice');
  });

  it('falls back to English', () => {
    expect(shellStrings(undefined)).toEqual(shellStrings('en'));
    expect(shellStrings('de')).toEqual(shellStrings('en'));
  });

  it('has no empty string in any language', () => {
    for (const language of ['en', 'fr']) {
      for (const value of Object.values(shellStrings(language))) {
        const text = typeof value === 'function' ? value(2) : value;
        expect(text.trim()).not.toBe('');
      }
    }
  });
});
